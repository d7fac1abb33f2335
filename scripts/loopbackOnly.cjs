// Preloaded into the Microsoft 365 Agents Playground (`node --require`). The playground has no
// host or bind option and calls `server.listen(port, callback)`, which listens on every
// interface; it is signed in as a real roster person (the Headteacher by default), so on a
// shared network anyone could chat as them. This makes a listen without a host use 127.0.0.1.
/* eslint-disable @typescript-eslint/no-require-imports, no-undef -- a CommonJS preload, run by node before the playground */
"use strict";
const net = require("node:net");

const LOOPBACK = "127.0.0.1";
const listen = net.Server.prototype.listen;

net.Server.prototype.listen = function listenOnLoopback(...args) {
  const [first] = args;
  if (typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first))) {
    if (typeof args[1] !== "string") args.splice(1, 0, LOOPBACK);
  } else if (first === undefined || typeof first === "function") {
    args.unshift(0, LOOPBACK);
  } else if (
    first &&
    typeof first === "object" &&
    !("path" in first) &&
    !("fd" in first) &&
    !first.host &&
    ("port" in first || Object.keys(first).length === 0)
  ) {
    args[0] = { ...first, host: LOOPBACK };
  }
  return listen.apply(this, args);
};
