/**
 * The cost of the worst texts a request may carry: each text of
 * test/fixtures/worst-case-texts.yaml at the 64 KiB limit, evaluated alone
 * (content only) and as content replying to a parent of the same text, each run on a text not seen before
 * (one unit shorter), so that caches of words do not hide the cost of reading a new one.
 * Target (issue 11): every worst-case 64 KiB text under 20 ms.
 */
import { performance } from "node:perf_hooks";
import type { EvaluationRequest } from "../src/domain/index.js";
import type { CompiledNormSet } from "../src/rules/compile.js";
import { evaluate } from "../src/rules/evaluate.js";
import { MAX_TEXT, worstCases, worstTexts } from "../test/support/worst-case-texts.js";

/** The median time of evaluating each request once, after one more to warm the JIT up. */
async function medianMs(set: CompiledNormSet, requests: EvaluationRequest[]): Promise<number> {
  const [warm, ...measured] = requests as [EvaluationRequest, ...EvaluationRequest[]];
  await evaluate(set, warm);
  const times: number[] = [];
  for (const request of measured) {
    const started = performance.now();
    await evaluate(set, request);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] as number;
}

/** Prints a row per worst-case text; returns the slowest content-only time in ms. */
export async function worstCaseSection(set: CompiledNormSet, runs = 5): Promise<number> {
  console.log(`\nworst-case texts at 64 KiB (median of ${runs} evaluations of unseen texts; target < 20 ms)`);
  console.log("  text                                                    content   + parent");
  let worst = 0;
  for (const c of worstCases) {
    // A text not seen before each time (see worstTexts): per-word caches do not hide the first reading.
    const alone = await medianMs(
      set,
      worstTexts(c, MAX_TEXT, runs + 1).map((text) => ({ content: { text } })),
    );
    const withParent = await medianMs(
      set,
      worstTexts(c, MAX_TEXT, runs + 1, runs + 1).map((text) => ({ content: { text }, context: { parent: { text } } })),
    );
    worst = Math.max(worst, alone);
    console.log(
      `  ${c.name.slice(0, 54).padEnd(54)}  ${alone.toFixed(1).padStart(7)} ms ${withParent.toFixed(1).padStart(7)} ms`,
    );
  }
  console.log(`  slowest (content only)  ${worst.toFixed(1)} ms   ${worst < 20 ? "ok" : "OVER the 20 ms target"}`);
  return worst;
}
