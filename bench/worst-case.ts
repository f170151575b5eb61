/**
 * The cost of the worst texts a request may carry: each text of
 * test/fixtures/worst-case-texts.yaml at the 64 KiB limit, evaluated alone
 * (content only) and as content replying to a parent of the same text.
 * Target (issue 11): every worst-case 64 KiB text under 20 ms.
 */
import { performance } from "node:perf_hooks";
import type { EvaluationRequest } from "../src/domain/index.js";
import type { CompiledNormSet } from "../src/rules/compile.js";
import { evaluate } from "../src/rules/evaluate.js";
import { MAX_TEXT, worstCases, worstText } from "../test/support/worst-case-texts.js";

async function medianMs(set: CompiledNormSet, request: EvaluationRequest, runs: number): Promise<number> {
  await evaluate(set, request);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await evaluate(set, request);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] as number;
}

/** Prints a row per worst-case text; returns the slowest content-only time in ms. */
export async function worstCaseSection(set: CompiledNormSet, runs = 5): Promise<number> {
  console.log("\nworst-case texts at 64 KiB (median of 5 evaluations; target < 20 ms)");
  console.log("  text                                                    content   + parent");
  let worst = 0;
  for (const c of worstCases) {
    const text = worstText(c, MAX_TEXT);
    const alone = await medianMs(set, { content: { text } }, runs);
    const withParent = await medianMs(set, { content: { text }, context: { parent: { text } } }, runs);
    worst = Math.max(worst, alone);
    console.log(
      `  ${c.name.slice(0, 54).padEnd(54)}  ${alone.toFixed(1).padStart(7)} ms ${withParent.toFixed(1).padStart(7)} ms`,
    );
  }
  console.log(`  slowest (content only)  ${worst.toFixed(1)} ms   ${worst < 20 ? "ok" : "OVER the 20 ms target"}`);
  return worst;
}
