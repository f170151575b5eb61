/**
 * A cluster worker's half of the IPC channel, in a child the test forks: it asks its parent (standing in for the
 * cluster's primary) what the test tells it to, and reports each outcome back.
 */
import { PrimaryChannel } from "../../src/entry/cluster-channel.js";

type Run = { run: "ask"; n: number; type: string; body: unknown; timeoutMs: number };

const channel = new PrimaryChannel();
const report = (message: unknown) => process.send?.(message);

process.on("message", (message: unknown) => {
  const m = message as Partial<Run> | null;
  if (m?.run !== "ask") return;
  const { n, type, body, timeoutMs } = m as Run;
  channel.ask(type, body, timeoutMs).then(
    (answer) => report({ outcome: { n, ok: true, answer } }),
    (e: unknown) => report({ outcome: { n, ok: false, error: (e as Error).message } }),
  );
});
report({ ready: true });
