import type { Decision } from "../domain/index.js";

/**
 * What an evaluation counts: whether the content stays up, waits for a
 * person, or comes down. This is the one place where the service's decisions
 * and actions are mapped onto those three.
 */
export const VERDICTS = ["allow", "review", "block"] as const;
export type Verdict = (typeof VERDICTS)[number];

/**
 * A ruling's decision as a verdict:
 * - `allow`, `label` → allow: the content stays visible (a label annotates, it does not hide);
 * - `review` → review: a moderator decides (an `escalate` action or a norm needing judgment
 *   that no model settled ends here);
 * - `hide`, `remove` → block: the content is taken out of view.
 */
export const VERDICT_OF_DECISION: Record<Decision, Verdict> = {
  allow: "allow",
  label: "allow",
  review: "review",
  hide: "block",
  remove: "block",
};

/**
 * Words a test file may use for the decision it expects: the three verdicts,
 * the service's decisions and actions, and norm outcomes that leave a case to a person.
 */
const EXPECTED_WORDS: Record<string, Verdict> = {
  ...VERDICT_OF_DECISION,
  "allow-with-label": "allow",
  allow_with_label: "allow",
  block: "block",
  escalate: "review",
  needs_review: "review",
  needs_judgment: "review",
};

/** The verdict a word in a test file names, or undefined when it names none. */
export function verdictOfWord(word: string): Verdict | undefined {
  return EXPECTED_WORDS[word.trim().toLowerCase()];
}

/** The verdict of a decision the service returned; undefined for a decision this version does not know. */
export function verdictOfDecision(decision: string): Verdict | undefined {
  return (VERDICT_OF_DECISION as Record<string, Verdict>)[decision];
}
