import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import type { Logger } from "../lib/logger.js";
import { outsideAppFailure } from "./node-client-errors.js";

/** The app's entry point, as @hono/node-server calls it: a Web Request, and Node's objects as its env. */
export type AppFetch = (req: Request, env: { incoming: IncomingMessage; outgoing: ServerResponse }) => unknown;

/**
 * Answers a request whose body was already read off the socket (by the
 * write-path lane, src/entry/moderate-lane.ts) the app's way: a Web Request
 * is built from its method, target, headers and the very bytes read, and the
 * app's answer written back. The app finds the IncomingMessage ended, so it
 * reads the body from the Request (src/entry/node-body.ts). Only the lane's
 * rare cases come here (a body the schema refuses, a spent rate limit):
 * clarity over speed.
 */
export async function answerFromApp(
  fetch: AppFetch,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  body: Buffer,
  logger: Logger,
): Promise<void> {
  try {
    const headers = new Headers();
    for (let i = 0; i < incoming.rawHeaders.length; i += 2)
      headers.append(incoming.rawHeaders[i] as string, incoming.rawHeaders[i + 1] as string);
    // The lane only takes a Host it has checked can stand in a URL.
    const request = new Request(`http://${incoming.headers.host}${incoming.url}`, {
      method: incoming.method as string,
      headers,
      body: new Uint8Array(body),
    });
    const response = (await fetch(request, { incoming, outgoing })) as Response;
    const answer = Buffer.from(await response.arrayBuffer());
    const out: OutgoingHttpHeaders = {};
    response.headers.forEach((value, name) => {
      if (name !== "set-cookie") out[name] = value;
    });
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) out["set-cookie"] = cookies;
    // Written whole, as @hono/node-server writes a body it has in memory: with its length, not chunked.
    if (response.status !== 204 && response.status !== 304) out["content-length"] = answer.byteLength;
    outgoing.writeHead(response.status, out);
    outgoing.end(answer);
  } catch (err) {
    // The app answers its own failures; this is only for one outside it, answered as the Node server would.
    if (outgoing.headersSent) return void outgoing.destroy();
    const failure = outsideAppFailure(err, logger);
    outgoing.writeHead(failure.status, { "content-type": "application/problem+json", "request-id": failure.requestId });
    outgoing.end(failure.body);
  }
}
