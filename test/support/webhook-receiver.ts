import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { verify } from "../../src/webhooks/sign.js";

/** What mores POSTs to an endpoint. */
export type WebhookBody = {
  id: string;
  type: string;
  created_at: string;
  community: string;
  data: Record<string, unknown>;
};

/** How the receiver answers the next request: a status, or never ("hang"). */
export type Answer = number | "hang";

/**
 * A platform's webhook receiver on 127.0.0.1, as a careful platform writes
 * one: it verifies each signature and acts on each `webhook-id` once, however
 * many times it is delivered. Answers can be scripted (failures, hangs).
 */
export type Receiver = {
  url: string;
  /** The endpoint's secret, set once mores has issued it. */
  secret: string;
  /** Every request with a valid signature, duplicates included, with its headers. */
  received: Array<{ body: WebhookBody; headers: IncomingMessage["headers"] }>;
  /** The events acted on: once per webhook-id. */
  processed: Map<string, WebhookBody>;
  /** Requests whose signature did not verify. */
  rejected: number;
  script(...answers: Answer[]): void;
  /** Resolves once `n` distinct events have been acted on. */
  waitFor(n: number): Promise<void>;
  close(): Promise<void>;
};

export async function startReceiver(options: { now?: () => Date } = {}): Promise<Receiver> {
  const answers: Answer[] = [];
  const hanging: ServerResponse[] = [];
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  const receiver: Omit<Receiver, "url" | "close"> = {
    secret: "",
    received: [],
    processed: new Map(),
    rejected: 0,
    script: (...a) => {
      answers.push(...a);
    },
    waitFor: (n) =>
      new Promise((resolve) => {
        waiters.push({ n, resolve });
        settle();
      }),
  };
  const settle = () => {
    for (const w of waiters.filter((w) => receiver.processed.size >= w.n)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };

  const server = createServer(async (req, res) => {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    if (!verify(receiver.secret, req.headers, raw, options.now ? { now: options.now() } : {})) {
      receiver.rejected++;
      res.writeHead(401).end();
      return;
    }
    const body = JSON.parse(raw) as WebhookBody;
    receiver.received.push({ body, headers: req.headers });
    const answer = answers.shift() ?? 200;
    if (answer === "hang") {
      hanging.push(res);
      return;
    }
    // Acted on only when acknowledged, and only once per webhook-id.
    if (answer >= 200 && answer < 300 && !receiver.processed.has(body.id)) receiver.processed.set(body.id, body);
    res.writeHead(answer, { "content-type": "text/plain" }).end(answer < 300 ? "ok" : `scripted ${answer}`);
    settle();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/hooks/mores`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
