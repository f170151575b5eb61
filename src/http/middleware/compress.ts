import type { MiddlewareHandler } from "hono";

/** A content coding this server can apply, in the order it prefers them when the client likes both as much. */
export type Encoding = "br" | "gzip";

/**
 * Compresses a whole body; supplied by the runtime (Node: zlib). Workers need none: the platform compresses.
 * A promise lets a runtime compress a large body off the event loop (see node-compress.ts).
 */
export type Compressor = {
  encodings: readonly Encoding[];
  compress(encoding: Encoding, body: Uint8Array): Uint8Array | Promise<Uint8Array>;
};

/** Below this, a JSON body gains too little for the CPU it costs (a ruling summary is ~250 bytes). */
export const COMPRESS_THRESHOLD = 1024;

/** The best of `offered` the client accepts (`Accept-Encoding` q-values, `*` included), or none. */
export function chooseEncoding(header: string | undefined, offered: readonly Encoding[]): Encoding | undefined {
  if (!header) return undefined;
  const q = new Map<string, number>();
  for (const part of header.split(",")) {
    const [name = "", ...params] = part.split(";").map((s) => s.trim().toLowerCase());
    const qParam = params.find((p) => p.startsWith("q="));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    if (name) q.set(name, Number.isFinite(value) ? value : 0);
  }
  let best: Encoding | undefined;
  let bestQ = 0;
  for (const e of offered) {
    const v = q.get(e) ?? q.get("*") ?? 0;
    if (v > bestQ) [best, bestQ] = [e, v];
  }
  return best;
}

/**
 * The body a client that accepts `encoding` is sent: compressed (with the encoding to name in Content-Encoding)
 * from `threshold` bytes on, else as it is. Shared by compressAnswers and Node's write lane (moderate-lane.ts).
 */
export async function encodedBody(
  compressor: Compressor,
  encoding: Encoding,
  body: Uint8Array,
  threshold = COMPRESS_THRESHOLD,
): Promise<{ body: Uint8Array; encoding?: Encoding }> {
  if (body.byteLength < threshold) return { body };
  return { body: await compressor.compress(encoding, body), encoding };
}

/**
 * Compresses JSON answers of at least `threshold` bytes when the client accepts br or gzip. Whole bodies, not
 * streams: answers are small and already in memory, and a synchronous zlib call on a few kilobytes costs far less
 * than a web CompressionStream's plumbing.
 *
 * @example app.use("*", compressAnswers(nodeCompressor))
 */
export function compressAnswers(compressor: Compressor, threshold = COMPRESS_THRESHOLD): MiddlewareHandler {
  return async (c, next) => {
    await next();
    // A client that accepts no coding we offer costs nothing here: its answer passes untouched. Asked first:
    // reading `res.body` makes @hono/node-server build a whole Web Response (streams and all) for the answer.
    const encoding = chooseEncoding(c.req.header("accept-encoding"), compressor.encodings);
    if (!encoding) return;
    const res = c.res;
    const type = res.headers.get("content-type") ?? "";
    if (!res.body || res.headers.has("content-encoding") || !/^application\/(problem\+)?json/.test(type)) return;
    const body = new Uint8Array(await res.arrayBuffer());
    const headers = new Headers(res.headers);
    const vary = res.headers.get("vary");
    headers.set("vary", vary ? `${vary}, Accept-Encoding` : "Accept-Encoding");
    const encoded = await encodedBody(compressor, encoding, body, threshold);
    if (encoded.encoding) {
      headers.set("content-encoding", encoded.encoding);
      headers.set("content-length", String(encoded.body.byteLength));
    }
    c.res = new Response(encoded.body, { status: res.status, headers });
  };
}
