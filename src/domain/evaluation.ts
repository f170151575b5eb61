import type { Action, Decision, NormOutcome, Severity } from "./outcome.js";

/**
 * Which conditions held, and with what fact values: the rule half of a
 * ruling's explanation. Built from the engine's own RuleResult so it says what
 * the engine actually evaluated, not what we think it did.
 */
export type ConditionTrace =
  | { all: ConditionTrace[]; result?: boolean }
  | { any: ConditionTrace[]; result?: boolean }
  | { not: ConditionTrace; result?: boolean }
  | { fact: string; operator: string; value: unknown; fact_value?: unknown; result?: boolean };

/** How one exception fared in the rule stage. */
export type ExceptionTrace = { id: string; requires_judgment: boolean; holds: boolean; evidence?: ConditionTrace };

/** The rule stage's result for one engaged norm. */
export type NormResult = {
  norm: string;
  title: string;
  outcome: Exclude<NormOutcome, "not_engaged">;
  action: Action;
  severity: Severity;
  /** For `excepted`: the exception that applies. */
  exception?: string;
  /** For `needs_judgment`: the exceptions context must confirm or rule out. */
  candidates?: Array<{ exception: string; description: string }>;
  trace: { trigger: ConditionTrace; exceptions: ExceptionTrace[] };
};

/** Norm results combined into one decision. */
export type DecisionSummary = {
  decision: Decision;
  /** Norms whose violation set the decision. */
  violated: string[];
  /** Norms that need judgment and could change the decision. */
  pending: string[];
};
