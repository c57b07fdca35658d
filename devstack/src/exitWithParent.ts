/**
 * Node flags that make a child Node process exit when the process that started it dies, so a crashed or killed test run
 * leaves no chain, indexer or server behind. Put them before the script:
 * `spawn(process.execPath, [...exitWithParentFlags(), script, ...args])`.
 */
export function exitWithParentFlags(): string[] {
  // Probe the parent with signal 0 (process.ppid is read once at start in Node 20). Its pid is written in rather than
  // read as the child's process.ppid: a parent that dies while the child starts would leave that reading init's pid.
  const watchdog = `const parent=${process.pid};setInterval(()=>{try{process.kill(parent,0)}catch{process.exit(1)}},1000).unref();`;
  return ["--import", `data:text/javascript,${encodeURIComponent(watchdog)}`];
}
