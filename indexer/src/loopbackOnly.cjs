// Preloaded into the SubQuery node (node --require): its admin/health server calls listen(port) with no host,
// which binds every interface. Listening sockets without an explicit host are bound to 127.0.0.1 instead.
const net = require("node:net");

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnLoopback(...args) {
  const [first, second] = args;
  if ((typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first))) && typeof second !== "string") {
    args.splice(1, 0, "127.0.0.1");
  } else if (first && typeof first === "object" && !("path" in first) && first.host === undefined && !(first instanceof net.Server)) {
    args[0] = { ...first, host: "127.0.0.1" };
  }
  return listen.apply(this, args);
};
