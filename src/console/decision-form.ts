import { type Action, MoresError, type Ruling } from "../domain/index.js";

export type Choice = "allow" | "uphold" | "modify";
export type Enforcement = "label" | "hide" | "remove";
export type DecisionForm = { choice: Choice; decision: Enforcement | "allow"; exception?: string; rationale: string };

const ENFORCEMENTS: readonly Enforcement[] = ["label", "hide", "remove"];
const ORDER: readonly Action[] = ["label", "hide", "remove", "escalate"];

/**
 * What upholding a ruling under review means: the most severe action among
 * the norms it engaged (not those an exception already settled); escalation
 * is a removal pending a person, which review is.
 */
export function upheldDecision(ruling: Ruling): Enforcement {
  const actions = ruling.norms.filter((n) => n.outcome !== "excepted").map((n) => n.action);
  const worst = actions.sort((a, b) => ORDER.indexOf(b) - ORDER.indexOf(a))[0] ?? "remove";
  return worst === "escalate" ? "remove" : worst;
}

/**
 * A posted decision form, checked: a choice, a rationale (required, as the
 * API requires one), the new decision for modify, and an exception only from
 * the list the page offered (the engaged norms' own). Anything else is a 400
 * that changes nothing.
 */
export function readDecisionForm(
  form: Record<string, unknown>,
  offered: readonly string[],
  upheld: Enforcement | "allow",
): DecisionForm {
  const choice = form.choice;
  if (choice !== "allow" && choice !== "uphold" && choice !== "modify")
    throw new MoresError("invalid_request", "choose allow, uphold or modify");
  const rationale = typeof form.rationale === "string" ? form.rationale.trim() : "";
  if (rationale.length === 0) throw new MoresError("invalid_request", "a decision needs a rationale");
  if (rationale.length > 5000) throw new MoresError("invalid_request", "keep the rationale under 5000 characters");
  const exception = typeof form.exception === "string" && form.exception !== "" ? form.exception : undefined;
  if (exception !== undefined && !offered.includes(exception))
    throw new MoresError("invalid_request", `"${exception}" is not an exception of the engaged norms`);
  if (exception !== undefined && choice !== "allow")
    throw new MoresError("invalid_request", "an exception is a reason to allow: choose allow with it");
  if (choice === "allow") return { choice, decision: "allow", rationale, ...(exception ? { exception } : {}) };
  if (choice === "uphold") return { choice, decision: upheld, rationale };
  const decision = form.decision;
  if (!ENFORCEMENTS.includes(decision as Enforcement))
    throw new MoresError("invalid_request", "modify needs the new decision: label, hide or remove");
  return { choice, decision: decision as Enforcement, rationale };
}

/** The checked form, or the problem to show beside it (the page is rendered again, with what was wrong). */
export function checkDecisionForm(
  ...args: Parameters<typeof readDecisionForm>
): { form: DecisionForm; problem?: undefined } | { problem: string } {
  try {
    return { form: readDecisionForm(...args) };
  } catch (e) {
    if (e instanceof MoresError && e.code === "invalid_request") return { problem: e.detail };
    throw e;
  }
}
