import { Engine, Rule, type RuleResult, type TopLevelCondition } from "json-rules-engine";
import type { ConditionTree } from "../domain/index.js";

/**
 * A json-rules-engine Engine safe to share between overlapping runs.
 *
 * Engine#run sets `engine.status = RUNNING` and, when it finishes, FINISHED;
 * evaluateRules skips every rule while status is not RUNNING. Two overlapping
 * runs on one engine therefore race: the first to finish makes the other
 * skip its rules and report nothing — a silent "not engaged". mores never
 * calls `engine.stop()`, so the status is pinned to RUNNING. All rules share
 * one priority, so there is a single rule set per run and nothing to stop
 * between sets. test/unit/rules-concurrency.test.ts overlaps hundreds of runs.
 */
/**
 * Plain dot paths instead of json-rules-engine's default JSONPath resolver
 * (jsonpath-plus evaluates filter expressions with `new Function`, which
 * Workers refuse). Norm conditions carry no `path` today, so JSONPath is
 * avoided already; this keeps it out if one ever does.
 */
export const dotPath = (value: unknown, path: string): unknown =>
  path
    .replace(/^\$\.?/, "")
    .split(".")
    .filter(Boolean)
    .reduce<unknown>(
      (v, k) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined),
      value,
    );

export function sharedEngine(rules: Rule[]): Engine {
  const engine = new Engine(rules, { allowUndefinedFacts: false, pathResolver: dotPath });
  Object.defineProperty(engine, "status", { get: () => "RUNNING", set: () => {}, configurable: false });
  return engine;
}

/** json-rules-engine wants `all`/`any`/`not` at the top of a rule; a lone condition is wrapped. */
export function toEngineConditions(tree: ConditionTree): TopLevelCondition {
  return ("all" in tree || "any" in tree || "not" in tree ? tree : { all: [tree] }) as TopLevelCondition;
}

export function makeRule(name: string, tree: ConditionTree, type: string): Rule {
  return new Rule({ name, conditions: toEngineConditions(tree), event: { type, params: { name } }, priority: 1 });
}

export type { RuleResult };
