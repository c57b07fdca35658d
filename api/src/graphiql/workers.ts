// Monaco runs its language services in web workers; the build bundles each one next to the page's script. Set before
// GraphiQL loads Monaco (it does so after its first render).
const workerFile: Record<string, string> = { json: "json.worker.js", graphql: "graphql.worker.js" };

(globalThis as { MonacoEnvironment?: object }).MonacoEnvironment = {
  getWorker: (_workerId: string, label: string) => new Worker(`/graphiql/${workerFile[label] ?? "editor.worker.js"}`),
};
