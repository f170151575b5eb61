import { createServer, type IncomingHttpHeaders } from "node:http";

/** A platform's webhook receiver on 127.0.0.1 that keeps what it got, deduplicated by webhook-id as receivers should. */
export type Received = {
  id: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: { type: string; data: Record<string, unknown> };
};

export async function startReceiver() {
  const unique = new Map<string, Received>();
  let deliveries = 0;
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      deliveries++;
      const id = String(req.headers["webhook-id"]);
      if (!unique.has(id)) unique.set(id, { id, headers: req.headers, body, json: JSON.parse(body) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    events: () => [...unique.values()],
    deliveries: () => deliveries,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
