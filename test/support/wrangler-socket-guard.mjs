/**
 * Loaded into `wrangler dev` by the workerd suites (NODE_OPTIONS=--import, see worker-dev.ts), so that one
 * dropped connection fails only the request that used it, as it does behind a deployed Worker.
 *
 * Why: miniflare's local Hyperdrive proxy (miniflare 4.20260426, hyperdrive-proxy.ts) pipes the Worker's socket
 * to the database's and listens for 'error' on neither. One connection reset on either side throws from the
 * socket, and wrangler exits (its error reporter exits even when other handlers are registered), so every later
 * request of the suite failed with "fetch failed"; CI saw `Error: read ECONNRESET` under 300 concurrent
 * moderations. Newer wranglers, which handle more of this, need Node 22.
 *
 * What: every socket this process accepts or opens gets an 'error' listener that logs the error, and a socket
 * opened while a connection is being accepted (a proxy's two ends) is closed with its peer, so neither the
 * database nor the Worker is left waiting on half a connection.
 */
import net from "node:net";

/** The socket whose server 'connection' listener is running now: a socket opened meanwhile is its other end. */
let accepting;

const guard = (socket) => {
  socket.on("error", (e) => console.error(`[socket guard] ${e.code ?? ""} ${e.message}: that connection is closed`));
  return socket;
};

const pair = (a, b) => {
  a.once("close", () => b.destroy());
  b.once("close", () => a.destroy());
};

const { createServer, connect } = net;

net.createServer = (...args) => {
  const at = args.findIndex((a) => typeof a === "function");
  if (at >= 0) {
    const listener = args[at];
    args[at] = function onConnection(socket) {
      guard(socket);
      accepting = socket;
      try {
        return listener.call(this, socket);
      } finally {
        accepting = undefined;
      }
    };
  }
  const server = createServer(...args);
  if (at < 0) server.on("connection", guard);
  return server;
};

net.connect = net.createConnection = (...args) => {
  const socket = guard(connect(...args));
  if (accepting) pair(accepting, socket);
  return socket;
};
