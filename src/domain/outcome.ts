import { z } from "zod";

/** What a norm asks the platform to do when it is violated, least to most severe. */
export const ACTIONS = ["label", "hide", "remove", "escalate"] as const;
export const actionSchema = z.enum(ACTIONS);
export type Action = z.infer<typeof actionSchema>;

export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export const severitySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severitySchema>;

/**
 * Per-norm result of the rule stage. `needs_judgment` means rules alone cannot
 * decide: an exception that requires judgment has evidence.
 */
export const NORM_OUTCOMES = ["not_engaged", "violated", "excepted", "needs_judgment"] as const;
export const normOutcomeSchema = z.enum(NORM_OUTCOMES);
export type NormOutcome = z.infer<typeof normOutcomeSchema>;

/** The one decision for a piece of content. */
export const DECISIONS = ["allow", "label", "hide", "remove", "review"] as const;
export type Decision = (typeof DECISIONS)[number];
