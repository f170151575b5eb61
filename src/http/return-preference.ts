import type { Context } from "hono";
import type { Ruling, RulingSummary } from "../domain/index.js";
import { parsePrefer } from "./prefer.js";

/** Whether the client asked for the summary (`Prefer: return=minimal`); says so in Preference-Applied when it did. */
export function wantsMinimal(c: Context): boolean {
  const minimal = parsePrefer(c.req.header("prefer")).return === "minimal";
  if (minimal) c.header("Preference-Applied", "return=minimal", { append: true });
  return minimal;
}

/** What a platform acts on: decision, norms as id@version with outcome and action, appeal deadline, links. */
export function rulingSummary(r: Ruling): RulingSummary {
  return {
    id: r.id,
    decision: r.decision,
    norms: r.norms.map((n) => ({ norm: `${n.id}@${n.version}`, outcome: n.outcome, action: n.action })),
    appeal_until: r.appeal_until,
    links: r.links,
  };
}
