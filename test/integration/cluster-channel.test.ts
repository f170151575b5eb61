import { type ChildProcess, fork } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";

/**
 * The channel a cluster worker asks its primary on (rate limits, metrics), over a real IPC channel: the test is
 * the primary, a forked child runs the worker's half (test/support/cluster-channel-child.ts).
 */
type Ask = { mores: "ask"; id: number; type: string; body: unknown };
type Outcome = { n: number; ok: boolean; answer?: unknown; error?: string };

let child: ChildProcess | undefined;
afterEach(() => child?.kill());

/** Forks the worker's half; `onAsk` is the primary, answering (or not) each ask. */
async function worker(onAsk: (ask: Ask, reply: (id: number, body: unknown) => void) => void) {
  const c = fork("test/support/cluster-channel-child.ts", { execArgv: ["--import", "tsx"], stdio: "inherit" });
  child = c;
  const outcomes = new Map<number, (o: Outcome) => void>();
  const reply = (id: number, body: unknown) => c.send({ mores: "reply", id, body });
  await new Promise<void>((ready) =>
    c.on("message", (m: unknown) => {
      const message = m as { ready?: true; outcome?: Outcome; mores?: string };
      if (message.ready) ready();
      else if (message.outcome) outcomes.get(message.outcome.n)?.(message.outcome);
      else if (message.mores === "ask") onAsk(message as Ask, reply);
    }),
  );
  let n = 0;
  return (type: string, body: unknown, timeoutMs = 2000) =>
    new Promise<Outcome>((resolve) => {
      const k = n++;
      outcomes.set(k, resolve);
      c.send({ run: "ask", n: k, type, body, timeoutMs });
    });
}

describe("a cluster worker's questions to its primary", () => {
  it("get the primary's answers, each to its own question however many are waiting", async () => {
    const ask = await worker((q, reply) => setTimeout(() => reply(q.id, { echo: q.body }), 50 - (q.body as number)));
    const outcomes = await Promise.all(Array.from({ length: 40 }, (_, i) => ask("echo", i)));
    expect(outcomes.map((o) => o.answer)).toEqual(Array.from({ length: 40 }, (_, i) => ({ echo: i })));
  });

  it("fail once the primary has not answered in time, and a late answer reaches no later question", async () => {
    const unanswered: number[] = [];
    let later: Ask | undefined;
    const ask = await worker((q) => {
      if (q.type === "silent") unanswered.push(q.id);
      else later = q;
    });
    const started = Date.now();
    const timedOut = await ask("silent", 1, 300);
    expect(timedOut).toMatchObject({ ok: false, error: expect.stringContaining("did not answer silent") });
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(Date.now() - started).toBeLessThan(1500);
    // The next question takes the slot the first one left; the answer to the first arrives only now.
    const pending = ask("held", 2);
    while (!later) await new Promise((r) => setTimeout(r, 10));
    child?.send({ mores: "reply", id: unanswered[0], body: "late, for the first question" });
    child?.send({ mores: "reply", id: later.id, body: "for the second" });
    expect(await pending).toMatchObject({ ok: true, answer: "for the second" });
    expect(later.id).not.toBe(unanswered[0]);
  });
});
