import type { CommunitySettings, NormResult } from "../domain/index.js";
import { combineOutcomes } from "../rules/combine-outcomes.js";
import type { Evaluation } from "../rules/evaluate.js";
import { applyEscalation } from "./escalation.js";
import type { JudgedEvaluation } from "./settle-pending.js";

const PENDING_CAUSE: Record<CommunitySettings["judgment"]["interim"], string> = {
  review: "the model's judgment is pending: held for review until a final ruling supersedes this one",
  rules:
    "the model's judgment is pending: the norm's own action applies, as if its exception were not confirmed, until a final ruling supersedes this one",
};

/**
 * What a provisional ruling decides while the model is still judging, per the
 * community's `judgment.interim`: `review` holds the content; `rules` takes
 * the rules' word, each pending norm's own action (its exception is plausible
 * but unconfirmed), through the escalation policy like any decision. The
 * pending norms keep their open outcome, so the record says what is unsettled.
 */
export function provisionalEvaluation(routed: Evaluation, settings: CommunitySettings): JudgedEvaluation {
  const interim = settings.judgment.interim;
  const pending = new Set(routed.pending);
  const causes: Record<string, string> = {};
  for (const r of routed.norms) {
    if (r.outcome !== "needs_judgment") continue;
    causes[r.norm] = pending.has(r.norm) ? PENDING_CAUSE[interim] : "not judged: the decision does not depend on it";
  }
  const judged: JudgedEvaluation = { ...routed, judgments: {}, causes };
  if (interim === "review") return { ...judged, decision: "review" };
  // Escalation reads violated norms: it sees the pending ones as the rules' word has them.
  const asRules = routed.norms.map((r): NormResult => (pending.has(r.norm) ? { ...r, outcome: "violated" } : r));
  const escalated = applyEscalation({ ...judged, norms: asRules, ...combineOutcomes(asRules) }, settings);
  return { ...judged, decision: escalated.decision, causes: { ...escalated.causes, ...causes } };
}
