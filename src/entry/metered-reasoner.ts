import type { Metrics } from "../lib/metrics-port.js";
import type { Reasoner } from "../reasoner/port.js";

/**
 * The configured reasoner, counted: each call's latency and whether it
 * answered. A failure is any result that is not ok (timeout, refusal,
 * malformed output), as the reasoner never throws.
 */
export function meteredReasoner(reasoner: Reasoner, metrics: Metrics): Reasoner {
  return {
    provider: reasoner.provider,
    model: reasoner.model,
    judge: async (input, signal) => {
      const started = performance.now();
      const result = await reasoner.judge(input, signal);
      metrics.modelCall(result.ok ? "ok" : "failed", (performance.now() - started) / 1000);
      return result;
    },
  };
}
