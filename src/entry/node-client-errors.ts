import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerOptions,
  type ServerResponse,
  STATUS_CODES,
} from "node:http";
import type { Socket } from "node:net";
import { getRequestListener, RequestError } from "@hono/node-server";
import { MoresError } from "../domain/index.js";
import { problemBody } from "../http/errors.js";
import { newId } from "../lib/ids.js";
import type { Logger } from "../lib/logger.js";

/**
 * Requests that never reach the app still get problem+json. Node's parser
 * refuses oversize headers, bad request lines and slow clients itself
 * (`clientError`), and by default answers with a bare status and no body;
 * @hono/node-server answers a request it cannot turn into a Web Request (a
 * bad Host, a backslash in the path) with an empty 400. Both are the
 * caller's mistake and are said so in the same shape as every other error.
 */

/** Node's parser error codes, as ours (its own defaults: 431, 413, 408, else 400). */
function clientErrorOf(err: NodeJS.ErrnoException): MoresError {
  if (err.code === "HPE_HEADER_OVERFLOW")
    return new MoresError("headers_too_large", "the request line and headers must fit in 16 KiB");
  if (err.code === "HPE_CHUNK_EXTENSIONS_OVERFLOW")
    return new MoresError("payload_too_large", "the chunk extensions are too large");
  if (err.code === "ERR_HTTP_REQUEST_TIMEOUT")
    return new MoresError("request_timeout", "the request was not received in time");
  return new MoresError("malformed_request", `the HTTP request could not be parsed (${err.code ?? "unknown"})`);
}

/** A whole HTTP/1.1 response, written straight to the socket: there is no request object to answer through. */
function rawProblem(error: MoresError): string {
  const requestId = newId("req");
  const problem = problemBody(error, requestId);
  const body = JSON.stringify(problem);
  return [
    `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? "Error"}`,
    "Content-Type: application/problem+json",
    `Content-Length: ${Buffer.byteLength(body)}`,
    `Request-Id: ${requestId}`,
    "Connection: close",
    "",
    body,
  ].join("\r\n");
}

/** The `clientError` listener: problem+json when the socket can still take an answer, else just close it. */
export function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  const busy = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
  if (err.code === "ECONNRESET" || !socket.writable || busy) {
    socket.destroy();
    return;
  }
  socket.end(rawProblem(clientErrorOf(err)));
}

/**
 * A failure outside the app, as its caller is answered: a RequestError is the caller's (a Host or target Node
 * accepted but a URL cannot hold), a 400; anything else is ours, a 500, logged with its stack.
 */
export function outsideAppFailure(err: unknown, logger: Logger): { status: number; requestId: string; body: string } {
  const requestId = newId("req");
  const ours = !(err instanceof RequestError);
  if (ours) logger.error("request failed outside the app", { requestId, error: (err as Error)?.stack ?? String(err) });
  const error = ours
    ? new MoresError("internal", "an unexpected error occurred; it has been logged")
    : new MoresError("malformed_request", `the request target or Host cannot be read: ${(err as Error).message}`);
  const body = problemBody(error, requestId);
  return { status: body.status, requestId, body: JSON.stringify(body) };
}

/**
 * Serves some requests before the app sees them (src/entry/moderate-lane.ts): true when it took the request,
 * false to let the app have it untouched. `toApp` hands a request it took on to the app after all, unread.
 */
export type FrontLane = (
  req: IncomingMessage,
  res: ServerResponse,
  toApp: (req: IncomingMessage, res: ServerResponse) => void,
) => boolean;

/**
 * The Node HTTP server for `fetch`: @hono/node-server's listener with an error
 * handler, an optional lane in front of it, and the `clientError` listener above.
 */
export function createNodeServer(
  fetch: (req: Request, env: unknown) => unknown,
  options: { hostname: string; logger: Logger; serverOptions?: ServerOptions; lane?: FrontLane },
): Server {
  const { logger, lane } = options;
  const listener = getRequestListener(fetch as never, {
    hostname: options.hostname,
    errorHandler: (err) => {
      const failure = outsideAppFailure(err, logger);
      return new Response(failure.body, {
        status: failure.status,
        headers: { "content-type": "application/problem+json", "request-id": failure.requestId },
      });
    },
  });
  const server = createServer(
    options.serverOptions ?? {},
    lane ? (req, res) => lane(req, res, listener) || listener(req, res) : listener,
  );
  server.on("clientError", answerClientError);
  return server;
}
