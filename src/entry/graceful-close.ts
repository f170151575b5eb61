import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { Server as NetServer } from "node:net";
import { Slots } from "../lib/slots.js";

/**
 * Closing an HTTP server without failing a request. `server.close()` alone
 * (Node ≥ 19) also drops idle keep-alive connections at once, and a client
 * that wrote its next request onto one at that moment gets a reset: a failed
 * request. So, on close:
 *   1. every answer from now on (and every answer in flight) says
 *      `Connection: close`, so clients leave their connections cleanly;
 *   2. the listening socket closes (in a cluster worker: the primary stops
 *      handing it connections), new connections go elsewhere or are refused;
 *   3. after `graceMs`, connections still idle (clients that sent nothing
 *      meanwhile) are closed; in-flight requests are waited for, up to
 *      `deadlineMs`, after which what is left is cut.
 * Resolves when no connection is left.
 *
 * @example const drain = gracefulClose(server); …; await drain.close();
 */
export function gracefulClose(server: Server, options: { graceMs: number; deadlineMs: number }) {
  // Slots, not a Set: a Set's discarded tables kept every answered request alive through young-generation GCs.
  const inFlight = new Slots<ServerResponse>();
  let draining = false;
  server.on("request", (_req: IncomingMessage, res: ServerResponse) => {
    if (draining) res.shouldKeepAlive = false;
    const slot = inFlight.add(res);
    res.on("close", () => inFlight.remove(slot));
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        draining = true;
        inFlight.forEach((res) => {
          if (!res.headersSent) res.shouldKeepAlive = false;
        });
        // net.Server's close stops listening and waits for the connections, without http's eager idle cut.
        NetServer.prototype.close.call(server, () => {
          clearTimeout(grace);
          clearTimeout(deadline);
          resolve();
        });
        const grace = setTimeout(() => server.closeIdleConnections(), options.graceMs);
        const deadline = setTimeout(() => server.closeAllConnections(), options.deadlineMs);
      }),
  };
}
