import type { Services } from "../context.js";
import {
  type Author,
  type EvaluationRequest,
  OPENAI_CATEGORIES,
  type OpenAICategory,
  type Ruling,
} from "../domain/index.js";
import { newId } from "../lib/ids.js";
import { judgeAndRecord, shimContext } from "./judge.js";
import { openaiScores } from "./scores.js";

/** What the model name `mores:<community>` answers with, so a caller sees which norms judged. */
export const modelName = (community: string) => `mores:${community}`;

/** mores's extension to OpenAI's request: who wrote the input, and external classifier scores. */
export type ModerationExtras = { author?: Author | undefined; signals?: Record<string, number> | undefined };

/**
 * OpenAI's `POST /v1/moderations` over mores rulings: each input (each string
 * of an array; the text parts of a content-part list together) is judged and
 * recorded like moderated content, and its 13 categories are scored from the
 * ruling (see scores.ts). `flagged` is true where a norm informing a category
 * was violated.
 */
export async function moderations(ctx: Services, community: string, texts: string[], extras: ModerationExtras) {
  const context = await shimContext(ctx, community);
  const rulings: Ruling[] = [];
  // In order, one at a time: each is a ruling of its own, appealable on its own.
  for (const text of texts) {
    const request: EvaluationRequest = {
      content: { text },
      ...(extras.author ? { author: extras.author } : {}),
      ...(extras.signals ? { signals: extras.signals } : {}),
    };
    rulings.push((await judgeAndRecord(ctx, community, request, false)).ruling);
  }
  const results = rulings.map((ruling) => {
    const { scores, flagged } = openaiScores(ruling, context.declared);
    return {
      flagged: Object.values(flagged).some(Boolean),
      categories: flagged,
      category_scores: scores,
      // Only text is judged, so every category applied to the text alone.
      category_applied_input_types: Object.fromEntries(OPENAI_CATEGORIES.map((c) => [c, ["text"]])) as Record<
        OpenAICategory,
        "text"[]
      >,
    };
  });
  const body = { id: newId("modr", ctx.clock().getTime()), model: modelName(community), results };
  return { body, rulings };
}
