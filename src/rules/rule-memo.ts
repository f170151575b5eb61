import type { Engine } from "json-rules-engine";
import type { ConditionTrace } from "../domain/index.js";
import { traceOf } from "./trace.js";

/** One rule's answer in a run: whether it held, and the trace of its conditions. */
export type RuleAnswer = { name: string; result: boolean; trace: ConditionTrace };

/**
 * Distinct fact combinations remembered per engine; cleared when full, so memory stays flat under any traffic.
 * The bench corpus (12,000 messages) needs at most 41 for any engine; an answer with its trace is 0.1–2 KB, so
 * a compiled set (about a dozen engines) holds at most a few MB even when traffic varies its lists on purpose.
 */
const LIMIT = 256;

/**
 * A json-rules-engine run, remembered by the values of the facts its rules read.
 *
 * A run is a pure function of those values: the engine holds runtime facts only, the operators are
 * json-rules-engine's own, and no listener or fact function is registered (rules/engine.ts). Its answers
 * (held or not, and the trace with every condition's fact value) are therefore the same for the same values,
 * and those values are few: the facts rules read are booleans, short lists of categories and patterns, the
 * content kind and channel. The engine still decides every combination — the first time it is seen; later
 * ones reuse its answer instead of paying for the promises, almanac and condition clones of a run again
 * (about half of an evaluation's time went there for texts that engage norms).
 *
 * Values that JSON would not keep apart (undefined, NaN, objects) are never remembered: those runs go to the
 * engine every time, and so does a run that fails.
 */
export class RememberedRuns {
  private readonly answers = new Map<string, readonly RuleAnswer[]>();

  constructor(
    readonly engine: Engine,
    readonly facts: readonly string[],
  ) {}

  /** The answers of every rule, in the engine's order (held rules first); synchronous when remembered. */
  run(all: Readonly<Record<string, unknown>>): readonly RuleAnswer[] | Promise<readonly RuleAnswer[]> {
    const values: unknown[] = [];
    let plain = true;
    for (const name of this.facts) {
      const v = all[name];
      values.push(v);
      plain &&= isPlain(v);
    }
    const key = plain ? JSON.stringify(values) : undefined;
    const known = key === undefined ? undefined : this.answers.get(key);
    if (known) return known;
    // The engine's own facts object, made only for a run it decides (most runs are remembered).
    const picked: Record<string, unknown> = {};
    this.facts.forEach((name, i) => {
      picked[name] = values[i];
    });
    return this.engine.run(picked).then(({ results, failureResults }) => {
      // Copied, so a remembered trace shares no list with the facts of the evaluation that first produced it.
      const answers = [...results, ...failureResults].map(
        (r): RuleAnswer => ({ name: r.name, result: r.result, trace: structuredClone(traceOf(r)) }),
      );
      if (key !== undefined) {
        if (this.answers.size >= LIMIT) this.answers.clear();
        this.answers.set(key, answers);
      }
      return answers;
    });
  }
}

/** A value JSON writes back unambiguously: a boolean, a finite number, a string, or a list of strings. */
function isPlain(v: unknown): boolean {
  switch (typeof v) {
    case "boolean":
    case "string":
      return true;
    case "number":
      return Number.isFinite(v);
    default: {
      if (!Array.isArray(v)) return false;
      // A loop, not `every` with a closure: asked for each list fact of every remembered run.
      for (let i = 0; i < v.length; i++) if (typeof v[i] !== "string") return false;
      return true;
    }
  }
}
