import type { Action, DecisionSummary, NormResult } from "../domain/index.js";

const RANK: Record<Exclude<Action, "escalate">, number> = { label: 1, hide: 2, remove: 3 };

/**
 * Combines norm outcomes into one decision: the most severe action of the
 * violated norms. `escalate` and judgment are surfaced as `review`, never
 * guessed — unless nothing judgment could conclude would change the decision
 * (a pending `hide` beside a violated `remove`).
 */
export function combineOutcomes(results: readonly NormResult[]): DecisionSummary {
  // Most content engages no norm: what the passes below would conclude, without them.
  if (results.length === 0) return { decision: "allow", violated: [], pending: [] };
  let top: Exclude<Action, "escalate"> | undefined;
  for (const r of results) {
    if (r.outcome !== "violated" || r.action === "escalate") continue;
    if (!top || RANK[r.action] > RANK[top]) top = r.action;
  }
  const topRank = top ? RANK[top] : 0;
  const violated = results
    .filter((r) => r.outcome === "violated" && (r.action === "escalate" || RANK[r.action] === topRank))
    .map((r) => r.norm);
  const pending = results
    .filter((r) => r.outcome === "needs_judgment" && (r.action === "escalate" || RANK[r.action] > topRank))
    .map((r) => r.norm);
  const escalated = results.some((r) => r.outcome === "violated" && r.action === "escalate");
  if (top === "remove") return { decision: "remove", violated, pending: [] };
  if (pending.length > 0 || escalated) return { decision: "review", violated, pending };
  return { decision: top ?? "allow", violated, pending };
}
