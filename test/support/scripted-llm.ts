import { createServer, type IncomingMessage, type Server } from "node:http";

/**
 * A scripted OpenAI-compatible chat-completions server on 127.0.0.1, so the
 * real LangChain ChatOpenAI client is exercised end to end without a network:
 * each request takes the next step of the script (an answer, a status, a delay).
 */
export type Step = {
  /** The assistant message's content (e.g. a JSON judgment, or something malformed). */
  content?: string;
  status?: number;
  delayMs?: number;
  /** Answer only once this settles: a model held busy for exactly as long as a test needs, whatever the machine's speed. */
  until?: Promise<unknown>;
};

export type ReceivedRequest = {
  path: string;
  body: { model: string; messages: Array<{ role: string; content: string }> };
};

export type ScriptedLlm = {
  url: string;
  received: ReceivedRequest[];
  /** Resolves once `n` requests in all have arrived (at once if they already have). */
  arrivals(n: number): Promise<void>;
  /** Queue steps; when the queue is empty the responder answers, or else the server answers "unclear". */
  script(...steps: Step[]): void;
  /** Answer every unscripted request from what it asked (e.g. a model that obeys the content); undefined to stop. */
  respondWith(responder: ((body: ReceivedRequest["body"]) => Step) | undefined): void;
  close(): Promise<void>;
};

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let data = "";
    req.on("data", (c) => {
      data += c;
    });
    req.on("end", () => resolve(data));
  });

export const judgment = (o: Record<string, unknown>) =>
  JSON.stringify({ rationale: "scripted", confidence: 0.9, ...o });

export async function startScriptedLlm(): Promise<ScriptedLlm> {
  const queue: Step[] = [];
  const received: ReceivedRequest[] = [];
  let responder: ((body: ReceivedRequest["body"]) => Step) | undefined;
  const waiting: Array<{ n: number; resolve: () => void }> = [];
  const server: Server = createServer(async (req, res) => {
    const body = JSON.parse((await read(req)) || "{}");
    received.push({ path: req.url ?? "", body });
    for (const w of waiting.filter((w) => received.length >= w.n)) {
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve();
    }
    const step = queue.shift() ?? responder?.(body) ?? { content: judgment({ verdict: "unclear" }) };
    if (step.delayMs) await new Promise((r) => setTimeout(r, step.delayMs));
    if (step.until) await step.until.catch(() => {});
    if (res.destroyed) return;
    if (step.status && step.status !== 200) {
      res.writeHead(step.status, { "content-type": "application/json" });
      res.end(
        JSON.stringify({ error: { message: `scripted ${step.status}`, type: "scripted", code: String(step.status) } }),
      );
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        id: `chatcmpl-${received.length}`,
        object: "chat.completion",
        created: Math.floor(Date.now() / 1000),
        model: body.model,
        choices: [{ index: 0, message: { role: "assistant", content: step.content ?? "" }, finish_reason: "stop" }],
        usage: { prompt_tokens: 321, completion_tokens: 45, total_tokens: 366 },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/v1`,
    received,
    arrivals: (n) =>
      received.length >= n ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ n, resolve })),
    script: (...steps) => {
      queue.push(...steps);
    },
    respondWith: (r) => {
      responder = r;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A service's environment for the real OpenAI client talking to a scripted server, with no retries. */
export const scriptedReasonerEnv = (url: string) => ({
  REASONER_PROVIDER: "openai",
  REASONER_MODEL: "scripted-judge",
  REASONER_BASE_URL: url,
  REASONER_API_KEY: "test-key",
  REASONER_MAX_RETRIES: "0",
});
