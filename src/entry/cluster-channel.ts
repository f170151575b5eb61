import cluster, { type Worker } from "node:cluster";

/**
 * Questions a cluster worker asks its primary over the IPC channel node:cluster
 * already opens (rate limits, aggregated metrics), each answered by a handler
 * the primary registered for its type. Messages carry a `mores` tag so they
 * never mix with prom-client's own cluster messages.
 */
type Ask = { mores: "ask"; id: number; type: string; body: unknown };
type Reply = { mores: "reply"; id: number; body?: unknown; error?: string };

const isAsk = (m: unknown): m is Ask => (m as Ask | null)?.mores === "ask";
const isReply = (m: unknown): m is Reply => (m as Reply | null)?.mores === "reply";

export type PrimaryHandlers = Record<string, (body: never) => unknown>;

/** In the primary: answers every worker's questions with `handlers`. */
export function answerWorkers(handlers: PrimaryHandlers): void {
  cluster.on("message", (worker: Worker, message: unknown) => {
    if (!isAsk(message)) return;
    const reply = (r: Omit<Reply, "mores" | "id">) => {
      // A negative id is a message that wants no answer (PrimaryChannel.tell).
      if (message.id >= 0 && worker.isConnected()) worker.send({ mores: "reply", id: message.id, ...r });
    };
    const handler = handlers[message.type];
    if (!handler) return reply({ error: `no handler for ${message.type}` });
    Promise.resolve()
      .then(() => handler(message.body as never))
      .then(
        (body) => reply({ body }),
        (e: unknown) => reply({ error: (e as Error).message }),
      );
  });
}

/** In a worker: asks the primary and waits for its answer (rejects after `timeoutMs`). */
export class PrimaryChannel {
  private next = 0;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor() {
    process.on("message", (message: unknown) => {
      if (!isReply(message)) return;
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      if (message.error !== undefined) waiting.reject(new Error(message.error));
      else waiting.resolve(message.body);
    });
  }

  ask<T>(type: string, body: unknown, timeoutMs = 2000): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`the cluster primary did not answer ${type} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      process.send?.({ mores: "ask", id, type, body } satisfies Ask);
    });
  }

  /** Tells the primary something without waiting for an answer. */
  tell(type: string, body: unknown): void {
    process.send?.({ mores: "ask", id: -1, type, body } satisfies Ask);
  }
}
