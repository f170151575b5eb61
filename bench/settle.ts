import type { EvaluationRequest } from "../src/domain/index.js";
import type { CompiledNormSet } from "../src/rules/compile.js";
import { evaluate } from "../src/rules/evaluate.js";

/**
 * Passes over the corpus before the engine is measured or profiled. The first builds what is built once (the
 * lexical repair's indexes, the parser's model, the per-word caches); the rest let V8 settle: hundreds of
 * functions, many on rare paths (the sentence layer runs on ~14% of the messages), are optimised only once they
 * have run often enough. After one pass the engine was still getting faster pass by pass (evaluations/s of five
 * measured passes, three runs on 2026-12-01: 35,034 → 44,805, 33,879 → 40,713, 28,302 → 43,658); over fourteen
 * passes it levelled off from about the seventh. (Until 2026-11-30 the warm-up was 2,000 messages; until
 * 2026-12-01, one pass.)
 */
export const WARM_PASSES = 7;

/** Evaluates every request of `corpus`, `passes` times over, in order. */
export async function evaluatePasses(
  set: CompiledNormSet,
  corpus: readonly EvaluationRequest[],
  passes: number,
): Promise<void> {
  for (let p = 0; p < passes; p++) for (const r of corpus) await evaluate(set, r);
}
