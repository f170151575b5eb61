/**
 * Preloaded into the server by bench/latency-tail.ts (`node --import ./bench/loop-watch.mjs …`): the event loop's
 * delay and V8's GC pauses, from SIGUSR2 (sent when the warm-up ends) to exit, printed as one JSON line on stderr.
 */
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";

const delay = monitorEventLoopDelay({ resolution: 1 });
/** V8's GC kinds as perf_hooks numbers them. */
const KINDS = {
  1: "scavenge",
  2: "mark-sweep-compact (minor)",
  4: "mark-sweep-compact",
  8: "incremental marking",
  16: "weak callbacks",
};
let pauses = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) pauses.push([KINDS[e.detail?.kind] ?? String(e.detail?.kind), e.duration]);
}).observe({ entryTypes: ["gc"] });
process.on("SIGUSR2", () => {
  delay.reset();
  pauses = [];
  delay.enable();
});
process.on("exit", () => {
  const gc = {};
  for (const [kind, ms] of pauses) {
    gc[kind] ??= { count: 0, totalMs: 0, maxMs: 0 };
    const k = gc[kind];
    k.count++;
    k.totalMs = Math.round((k.totalMs + ms) * 10) / 10;
    k.maxMs = Math.max(k.maxMs, Math.round(ms * 10) / 10);
  }
  const ms = (ns) => Math.round(ns / 1e5) / 10;
  const loop = { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) };
  process.stderr.write(`loop-watch ${JSON.stringify({ loopDelayMs: loop, gc })}\n`);
});
