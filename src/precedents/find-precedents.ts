import { and, desc, eq } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { precedents } from "../db/schema/index.js";

export type PrecedentRow = typeof precedents.$inferSelect;

/** How many recent precedents of a norm are ranked, and how many reach the prompt. */
const POOL = 200;
const GIVEN = 3;

const jaccard = (a: readonly string[], b: readonly string[]) => {
  if (a.length === 0 && b.length === 0) return 0;
  const sa = new Set(a);
  const inter = b.filter((x) => sa.has(x)).length;
  return inter / (sa.size + b.length - inter);
};

/**
 * The few precedents most relevant to a judgment: same norm; the same
 * exception ranks first; then similar matched terms and context (quoting,
 * reported speech, self-reference, in-group author). Newest wins ties.
 */
export async function relevantPrecedents(
  db: Database,
  input: {
    community: string;
    normId: string;
    exceptions: readonly string[];
    terms: readonly string[];
    facts: Record<string, unknown>;
  },
): Promise<PrecedentRow[]> {
  const pool = await db
    .select()
    .from(precedents)
    .where(and(eq(precedents.communityId, input.community), eq(precedents.normId, input.normId)))
    .orderBy(desc(precedents.createdAt))
    .limit(POOL);
  const context = ["quoted", "reported", "self_reference", "author_in_target_group", "addresses_other", "denounces"];
  const score = (p: PrecedentRow) => {
    const f = p.facts as Record<string, unknown>;
    const sameContext = context.filter((k) => f[k] === input.facts[k]).length / context.length;
    return (
      (p.exception && input.exceptions.includes(p.exception) ? 2 : 0) + jaccard(p.terms, input.terms) + sameContext
    );
  };
  return pool
    .map((p, i) => ({ p, s: score(p), i }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .slice(0, GIVEN)
    .map((x) => x.p);
}

/** A precedent as the prompt shows it. */
export const precedentSummary = (p: PrecedentRow) =>
  `${p.source} decision on ${p.normId}@${p.normVersion}: ${p.holding.replace("_", " ")}${p.exception ? ` (exception considered: ${p.exception})` : ""}; decision ${p.decision}. Rationale: ${p.rationale}`;
