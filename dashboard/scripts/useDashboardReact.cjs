// npm hoists `next` to the repository root, where `react` and `react-dom` resolve to the API's React 18 (its GraphiQL
// page needs 18). Next's pages runtime (the /404 and /500 fallbacks) would then render React 19 elements with
// react-dom 18 and fail. Preloaded into every Next process, this sends those requests to this package's React 19.
const Module = require("node:module");
const path = require("node:path");

const dashboardDir = path.join(__dirname, "..");
const resolveFilename = Module._resolveFilename;

Module._resolveFilename = function resolveFromDashboard(request, parent, isMain, options) {
  if (/^(react|react-dom)(\/|$)/.test(request)) return resolveFilename.call(this, request, parent, isMain, { paths: [dashboardDir] });
  return resolveFilename.call(this, request, parent, isMain, options);
};
