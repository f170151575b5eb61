import { defaultSettings } from "../domain/index.js";
import { applyEscalation } from "../moderation/escalation.js";
import { judge } from "../moderation/judge.js";
import type { LoadedPack } from "../norms/load-pack.js";
import type { ActiveNormSet } from "../norms/norm-set-cache.js";
import { JudgmentCache } from "../reasoner/judgment-cache.js";
import type { Reasoner } from "../reasoner/port.js";
import { evaluate } from "../rules/evaluate.js";
import { type CaseResult, type Runner, requestOf } from "./runner.js";
import { VERDICT_OF_DECISION } from "./verdict.js";

/**
 * Judges cases in-process the way the service does — rules, then the reasoner
 * for norms whose exceptions need judgment, then the default escalation
 * policy — without a database. With the `none` reasoner (no model
 * configured), everything that needs judgment ends as `review`.
 * It repeats the steps of `moderate()` (evaluate → judge → applyEscalation):
 * a step added there must be added here, or the two will disagree (the
 * integration test eval-remote compares them case by case).
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
    const judged = await judge(deps, set, request, await evaluate(set.compiled, request));
    const final = applyEscalation(judged, set.settings);
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
