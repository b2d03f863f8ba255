// Preloaded into Comunica's SPARQL server (NODE_OPTIONS=--require …): its `server.listen(port)`
// would listen on every interface; the tests' servers listen on loopback only.
"use strict";
const net = require("node:net");
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === "number" && (args.length === 1 || typeof args[1] === "function")) {
    args.splice(1, 0, "127.0.0.1");
  }
  return listen.apply(this, args);
};
