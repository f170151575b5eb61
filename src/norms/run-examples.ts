import type { NormExample, NormOutcome } from "../domain/index.js";
import type { CompiledNormSet } from "../rules/compile.js";
import { evaluate } from "../rules/evaluate.js";

export type ExampleResult = {
  norm: string;
  index: number;
  example: NormExample;
  passed: boolean;
  got: NormOutcome;
  /** Exception applied (excepted) or candidates (needs_judgment). */
  gotExceptions: string[];
};

/** Why a failed example failed, in one line an editor can read. */
export function describeFailure(r: ExampleResult): string {
  const want = r.example.exception ? `${r.example.expect} (${r.example.exception})` : r.example.expect;
  const got = r.gotExceptions.length ? `${r.got} (${r.gotExceptions.join(", ")})` : r.got;
  return `expected ${want}, got ${got}`;
}

/**
 * Runs every norm's examples through the whole compiled set — as real content
 * would be — and checks that norm's outcome. For needs_judgment the named
 * exception must be among the candidates; for excepted it must be the one applied.
 */
export async function runExamples(set: CompiledNormSet): Promise<ExampleResult[]> {
  const results: ExampleResult[] = [];
  for (const norm of set.pack.norms) {
    for (const [index, example] of norm.examples.entries()) {
      const evaluation = await evaluate(set, {
        content: { text: example.text, ...(example.kind ? { kind: example.kind } : {}) },
        ...(example.author ? { author: example.author } : {}),
        ...(example.context ? { context: example.context } : {}),
      });
      const r = evaluation.norms.find((n) => n.norm === norm.id);
      const got: NormOutcome = r?.outcome ?? "not_engaged";
      const gotExceptions = r?.exception ? [r.exception] : (r?.candidates ?? []).map((c) => c.exception);
      const exceptionOk = !example.exception || gotExceptions.includes(example.exception);
      results.push({
        norm: norm.id,
        index,
        example,
        passed: got === example.expect && exceptionOk,
        got,
        gotExceptions,
      });
    }
  }
  return results;
}
