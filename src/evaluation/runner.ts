import type { EvaluationRequest } from "../domain/index.js";
import type { EvalCase } from "./read-cases.js";
import type { Verdict } from "./verdict.js";

/** What one case got: the verdict counted, the service's own decision, and the norms behind it. */
export type CaseResult = { verdict: Verdict; decision: string; norms: string[] };

/** A norm set that judges cases: a pack folder in-process, or a running service. */
export type Runner = {
  /** How the report names it: the pack folder, or the service and community. */
  name: string;
  run(cases: readonly EvalCase[]): Promise<CaseResult[]>;
};

/** A case as the moderate endpoint takes it: author groups and the parent message when the case has them. */
export function requestOf(c: EvalCase): EvaluationRequest {
  return {
    content: { text: c.text },
    ...(c.authorGroups ? { author: { groups: c.authorGroups } } : {}),
    ...(c.parent !== undefined ? { context: { parent: { text: c.parent } } } : {}),
  };
}
