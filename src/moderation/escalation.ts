import { type CommunitySettings, SEVERITIES } from "../domain/index.js";
import type { JudgedEvaluation } from "./settle-pending.js";

/**
 * The community's escalation policy: a removal whose violated norms reach
 * `hold_removals_from` waits for a moderator (`review`) instead of taking
 * effect, and each such norm says why. Everything else passes unchanged.
 */
export function applyEscalation(evaluation: JudgedEvaluation, settings: CommunitySettings): JudgedEvaluation {
  const from = settings.escalation.hold_removals_from;
  if (from === "never" || evaluation.decision !== "remove") return evaluation;
  const threshold = SEVERITIES.indexOf(from);
  const held = evaluation.norms.filter(
    (r) => r.outcome === "violated" && r.action === "remove" && SEVERITIES.indexOf(r.severity) >= threshold,
  );
  if (held.length === 0) return evaluation;
  const causes = { ...evaluation.causes };
  for (const r of held)
    causes[r.norm] = `the community holds removals of severity ${from} or higher for a moderator to confirm`;
  return { ...evaluation, decision: "review", causes };
}
