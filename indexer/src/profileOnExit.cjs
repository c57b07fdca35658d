// Loaded only with INDEXER_CPU_PROF_DIR: SubQuery installs no SIGTERM handler, and V8 writes --cpu-prof only on a
// normal exit, so the runner's stop would otherwise lose the profile.
process.on("SIGTERM", () => process.exit(143));
