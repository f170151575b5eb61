import { and, desc, eq, inArray } from "drizzle-orm";
import type { Services } from "../context.js";
import { scoreSuggestions } from "../db/schema/index.js";
import { MoresError, PERSPECTIVE_ATTRIBUTES } from "../domain/index.js";
import { sha256 } from "../lib/hash.js";
import { newId } from "../lib/ids.js";

export type Suggestion = { scores: Record<string, number>; client_token: string | null; suggested_at: string };

/**
 * Records Perspective's `comments:suggestscore`: the scores a platform thinks
 * a comment deserves. Kept by the text's hash only, as feedback moderators see
 * beside the content's rulings in the review queue; it changes no ruling.
 */
export async function suggestScore(
  ctx: Services,
  community: string,
  input: { text: string; scores: Record<string, number>; clientToken?: string | undefined; keyId: string },
): Promise<void> {
  const unknown = Object.keys(input.scores).find((a) => !(PERSPECTIVE_ATTRIBUTES as readonly string[]).includes(a));
  if (unknown !== undefined) throw new MoresError("unknown_attribute", `Unknown attribute: ${unknown}`);
  if (Object.keys(input.scores).length === 0)
    throw new MoresError("invalid_request", "attributeScores must suggest at least one attribute");
  await ctx.db.insert(scoreSuggestions).values({
    id: newId("sug", ctx.clock().getTime()),
    communityId: community,
    contentHash: sha256(input.text),
    scores: input.scores,
    clientToken: input.clientToken ?? null,
    keyId: input.keyId,
    createdAt: ctx.clock(),
  });
}

/** The suggestions for each content hash of a community, newest first: what the review queue shows. */
export async function suggestionsFor(
  ctx: Services,
  community: string,
  hashes: string[],
): Promise<Map<string, Suggestion[]>> {
  const found = new Map<string, Suggestion[]>();
  if (hashes.length === 0) return found;
  const rows = await ctx.db
    .select()
    .from(scoreSuggestions)
    .where(and(eq(scoreSuggestions.communityId, community), inArray(scoreSuggestions.contentHash, hashes)))
    .orderBy(desc(scoreSuggestions.createdAt));
  for (const r of rows) {
    const list = found.get(r.contentHash) ?? [];
    list.push({ scores: r.scores, client_token: r.clientToken, suggested_at: r.createdAt.toISOString() });
    found.set(r.contentHash, list);
  }
  return found;
}
