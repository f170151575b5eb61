import type { IncomingMessage } from "node:http";
import type { Context } from "hono";
import { MoresError } from "../domain/index.js";

/**
 * Node only: reads a request body straight from the IncomingMessage. The
 * portable path (a Web Request built by @hono/node-server, read through a
 * ReadableStream) cost more per request than evaluating the content did.
 * Enforces the same byte limit while reading, so an oversize body is refused
 * before it is buffered whole.
 */
export function readNodeBody(c: Context, maxBytes: number): Promise<string> | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || incoming.readableEnded) return undefined;
  return readIncoming(incoming, maxBytes).then((bytes) => bytes.toString("utf8"));
}

/** The whole body of `incoming` as bytes; a 413 `payload_too_large` past `maxBytes` (the rest is drained). */
export function readIncoming(incoming: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        incoming.removeAllListeners("data");
        incoming.resume(); // drain the rest so the connection can answer
        reject(new MoresError("payload_too_large", `request bodies are limited to ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    incoming.on("end", () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    incoming.on("error", reject);
    // A client that hangs up mid-body may end the stream with no error on some paths: then it is gone all the same.
    incoming.on("close", () => {
      if (!incoming.complete) reject(new Error("the client closed the request before its body ended"));
    });
  });
}
