import type { Context } from "hono";
import { z } from "zod";
import type { Ruling, RulingSummary } from "../domain/index.js";

/**
 * The `Prefer` request header (RFC 7240): comma-separated `name[=value]` preferences, names case-insensitive,
 * values optionally quoted; parameters after `;` are ignored, as is any preference this server does not know.
 * Several Prefer headers arrive joined by commas.
 */
export function preferences(header: string | undefined): Map<string, string> {
  const found = new Map<string, string>();
  for (const part of (header ?? "").split(",")) {
    const [pref = ""] = part.split(";");
    const eq = pref.indexOf("=");
    const name = (eq < 0 ? pref : pref.slice(0, eq)).trim().toLowerCase();
    const value =
      eq < 0
        ? ""
        : pref
            .slice(eq + 1)
            .trim()
            .replace(/^"(.*)"$/, "$1");
    // The first occurrence wins (RFC 7240 §2).
    if (name && !found.has(name)) found.set(name, value);
  }
  return found;
}

export const preferHeader = z.string().optional().meta({
  description:
    "RFC 7240. `return=minimal`: answer with the ruling's summary (decision, norms as id@version with outcome and action, appeal deadline, links), under 400 bytes for an allow; facts, evidence and trace stay one GET away. `return=representation` (the default): the whole ruling. Honoured preferences are echoed in `Preference-Applied`.",
  example: "return=minimal",
});

/** Whether the client asked for the summary; says so in Preference-Applied when it did. */
export function wantsMinimal(c: Context): boolean {
  const minimal = preferences(c.req.header("prefer")).get("return") === "minimal";
  if (minimal) c.header("Preference-Applied", "return=minimal");
  return minimal;
}

export function rulingSummary(r: Ruling): RulingSummary {
  return {
    id: r.id,
    decision: r.decision,
    norms: r.norms.map((n) => ({ norm: `${n.id}@${n.version}`, outcome: n.outcome, action: n.action })),
    appeal_until: r.appeal_until,
    links: r.links,
  };
}
