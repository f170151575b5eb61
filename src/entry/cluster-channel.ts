import cluster, { type Worker } from "node:cluster";
import { Slots } from "../lib/slots.js";

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

/** An ask waiting for the primary's answer. */
type Waiting = {
  seq: number;
  deadline: number;
  type: string;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
};

/**
 * An ask's id names its slot and its place in the order of asks (`seq`): a late answer to an ask that timed out
 * finds its slot reused by a later ask with another `seq`, and is dropped.
 */
const SLOT_RANGE = 1 << 20;
const idOf = (slot: number, seq: number) => seq * SLOT_RANGE + slot;
/** How often asks past their deadline are failed: one timer for the channel, not one per ask. */
const SWEEP_MS = 250;

/**
 * In a worker: asks the primary and waits for its answer (rejects once `timeoutMs` have passed, within a
 * quarter of a second). A worker asks many times a second under load (its rate limits' leases), so what an ask
 * leaves behind is paid often: the asks wait in reusable slots (lib/slots.ts) rather than a Map, whose discarded
 * tables kept answered requests alive through young-generation GCs, and one sweeping timer replaces a timer per
 * ask.
 */
export class PrimaryChannel {
  private seq = 0;
  private readonly pending = new Slots<Waiting>();

  constructor() {
    process.on("message", (message: unknown) => {
      if (!isReply(message)) return;
      const slot = message.id % SLOT_RANGE;
      const waiting = this.pending.get(slot);
      if (waiting?.seq !== Math.floor(message.id / SLOT_RANGE)) return;
      this.pending.remove(slot);
      if (message.error !== undefined) waiting.reject(new Error(message.error));
      else waiting.resolve(message.body);
    });
    setInterval(() => this.sweep(), SWEEP_MS).unref();
  }

  ask<T>(type: string, body: unknown, timeoutMs = 2000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const seq = this.seq++;
      const deadline = performance.now() + timeoutMs;
      const slot = this.pending.add({ seq, deadline, type, resolve: resolve as (v: unknown) => void, reject });
      process.send?.({ mores: "ask", id: idOf(slot, seq), type, body } satisfies Ask);
    });
  }

  /** Fails the asks the primary has not answered in time. */
  private sweep(): void {
    const now = performance.now();
    this.pending.forEach((waiting, slot) => {
      if (waiting.deadline > now) return;
      this.pending.remove(slot);
      waiting.reject(new Error(`the cluster primary did not answer ${waiting.type} in time`));
    });
  }

  /** Tells the primary something without waiting for an answer. */
  tell(type: string, body: unknown): void {
    process.send?.({ mores: "ask", id: -1, type, body } satisfies Ask);
  }
}
