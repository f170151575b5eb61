import { defaultSettings } from "../domain/index.js";
import { runPipeline } from "../moderation/pipeline.js";
import type { LoadedPack } from "../norms/load-pack.js";
import type { ActiveNormSet } from "../norms/norm-set-cache.js";
import { JudgmentCache } from "../reasoner/judgment-cache.js";
import type { Reasoner } from "../reasoner/port.js";
import { type CaseResult, type Runner, requestOf } from "./runner.js";
import { VERDICT_OF_DECISION } from "./verdict.js";

/**
 * Judges cases in-process the way the service does — rules, then the reasoner
 * for norms whose exceptions need judgment, then the default escalation
 * policy — without a database. With the `none` reasoner (no model
 * configured), everything that needs judgment ends as `review`.
 * It runs the same pipeline as `moderate()` (src/moderation/pipeline.ts); the
 * integration test eval-remote compares the two case by case.
 */
export function localRunner(
  name: string,
  loaded: LoadedPack,
  reasoner: Reasoner,
  options: { budgetMs: number; concurrency?: number },
): Runner {
  const set: ActiveNormSet = {
    community: "eval",
    version: 0,
    pack: loaded.pack,
    normVersions: new Map(loaded.pack.norms.map((n) => [n.id, 0])),
    compiled: loaded.compiled,
    settings: defaultSettings(),
  };
  const deps = { reasoner, cache: new JudgmentCache(1000), budgetMs: options.budgetMs };
  const one = async (request: ReturnType<typeof requestOf>): Promise<CaseResult> => {
    const final = await runPipeline(deps, set, request);
    return {
      verdict: VERDICT_OF_DECISION[final.decision],
      decision: final.decision,
      norms: final.norms.filter((n) => n.outcome !== "excepted").map((n) => `${n.norm}:${n.outcome}`),
    };
  };
  return {
    name,
    async run(cases) {
      // A model call is slow; a few at a time keeps a configured provider busy without flooding it.
      const width = reasoner.provider === "none" ? 1 : (options.concurrency ?? 4);
      const results: CaseResult[] = new Array(cases.length);
      let next = 0;
      const worker = async () => {
        while (next < cases.length) {
          const i = next++;
          results[i] = await one(requestOf(cases[i] as (typeof cases)[number]));
        }
      };
      await Promise.all(Array.from({ length: width }, worker));
      return results;
    },
  };
}
