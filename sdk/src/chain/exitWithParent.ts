/**
 * Node flags that make a child Node process exit when the process that started it dies, so a crashed or killed test run leaves no chain, indexer or server behind. Put them
 * before the script: `spawn(process.execPath, [...exitWithParentFlags(), script, ...args])`.
 */
export function exitWithParentFlags(): string[] {
  // process.ppid is read once at start in Node 20, so probe the parent with signal 0 instead.
  const watchdog = "const parent=process.ppid;setInterval(()=>{try{process.kill(parent,0)}catch{process.exit(1)}},1000).unref();";
  return ["--import", `data:text/javascript,${encodeURIComponent(watchdog)}`];
}
