import { promisify } from "node:util";
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from "node:zlib";
import type { Compressor } from "../http/middleware/compress.js";

/**
 * Above this, an answer is compressed on libuv's thread pool: brotli takes about 10 ms a megabyte, and a batch of
 * 100 rulings on 64 KiB texts runs to tens of megabytes, seconds during which `/ready` and every other request
 * would wait. Below it, the synchronous call costs less than the hop to another thread.
 */
export const ASYNC_COMPRESS_BYTES = 64 * 1024;

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
const brotliOptions = (body: Uint8Array) => ({
  params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength },
});

/**
 * zlib for answers: brotli at quality 4 (quality 11, its default, costs milliseconds per answer; 4 keeps most
 * of the gain on JSON at a fraction of the CPU), gzip at level 6.
 */
export const nodeCompressor: Compressor = {
  encodings: ["br", "gzip"],
  compress: (encoding, body) => {
    const large = body.byteLength >= ASYNC_COMPRESS_BYTES;
    if (encoding === "br")
      return large ? brotliAsync(body, brotliOptions(body)) : brotliCompressSync(body, brotliOptions(body));
    return large ? gzipAsync(body, { level: 6 }) : gzipSync(body, { level: 6 });
  },
};
