import { connect } from "node:net";

export type RawResponse = { status: number; headers: Record<string, string>; body: string };

/** Decodes a chunked HTTP/1.1 body. */
function unchunk(raw: string): string {
  let out = "";
  let at = 0;
  for (;;) {
    const eol = raw.indexOf("\r\n", at);
    if (eol < 0) return out;
    const size = Number.parseInt(raw.slice(at, eol), 16);
    if (!size) return out;
    out += raw.slice(eol + 2, eol + 2 + size);
    at = eol + 2 + size + 2;
  }
}

/**
 * Sends bytes exactly as given to 127.0.0.1:port and reads the answer until
 * the server closes: for requests fetch() would refuse or repair (a bad
 * request line, a backslash in the path, oversized headers, raw bytes). The
 * request should carry `Connection: close`.
 */
export function rawRequest(port: number, request: string | Buffer): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("data", (c) => chunks.push(c));
    // The server may close while a huge request is still being written (EPIPE, ECONNRESET): its answer counts.
    socket.on("error", (e) => {
      if (chunks.length === 0) reject(e);
    });
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const split = text.indexOf("\r\n\r\n");
      const [statusLine, ...lines] = text.slice(0, split < 0 ? text.length : split).split("\r\n");
      const headers: Record<string, string> = {};
      for (const l of lines) {
        const c = l.indexOf(":");
        if (c > 0) headers[l.slice(0, c).trim().toLowerCase()] = l.slice(c + 1).trim();
      }
      const raw = split < 0 ? "" : text.slice(split + 4);
      const body = headers["transfer-encoding"] === "chunked" ? unchunk(raw) : raw;
      resolve({ status: Number(statusLine?.split(" ")[1] ?? 0), headers, body });
    });
    socket.write(request);
  });
}
