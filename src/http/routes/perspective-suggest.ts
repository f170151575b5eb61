import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { suggestScore } from "../../shims/suggest-score.js";
import type { AppEnv } from "../app-env.js";
import { access } from "../middleware/authorize.js";
import { json, requestBody } from "../schemas.js";
import { shimCommunity } from "../shim-community.js";
import { googleErrors, perspectiveContextSchema, textEntrySchema } from "./perspective-analyze.js";

const suggestRequest = z
  .object({
    comment: textEntrySchema,
    context: perspectiveContextSchema.optional(),
    attributeScores: z.record(
      z.string().max(64),
      z.object({
        summaryScore: z.object({ value: z.number().min(0).max(1), type: z.string().max(32).optional() }),
        spanScores: z.array(z.unknown()).max(1000).optional(),
      }),
    ),
    languages: z.array(z.string().min(1).max(16)).max(8).optional(),
    communityId: z.string().max(64).optional(),
    clientToken: z.string().max(256).optional(),
    sessionId: z.string().max(256).optional(),
  })
  .meta({ id: "SuggestCommentScoreRequest" });

const suggestResponse = z
  .object({
    detectedLanguages: z.array(z.string()).optional(),
    requestedLanguages: z.array(z.string()).optional(),
    clientToken: z.string().optional(),
  })
  .meta({ id: "SuggestCommentScoreResponse" });

export const suggestRoute = createRoute({
  method: "post",
  path: "/v1alpha1/comments:suggestscore",
  operationId: "perspectiveSuggestCommentScore",
  ...access("platform", "moderator"),
  "x-community": "body",
  tags: ["compatibility"],
  summary: "Perspective-compatible: suggest scores, as feedback for moderators",
  description:
    "Records the suggested scores by the text's hash; moderators see them beside the content's rulings in the review queue. Changes no ruling.",
  request: {
    // Perspective clients send the key in the query string.
    query: z.object({
      key: z.string().optional().meta({ description: "The API key (or send it as a bearer token)." }),
    }),
    body: requestBody(suggestRequest, {
      comment: { text: "See you at the match tonight!" },
      attributeScores: { TOXICITY: { summaryScore: { value: 0 } } },
      communityId: "default",
    }),
  },
  responses: { 200: json(suggestResponse, "Recorded"), ...googleErrors(400, 401, 403, 404, 429) },
});

export const registerPerspectiveSuggest = (app: OpenAPIHono<AppEnv>) =>
  app.openapi(suggestRoute, async (c) => {
    const body = c.req.valid("json");
    const community = await shimCommunity(c, body.communityId, "communityId");
    await suggestScore(c.get("services"), community, {
      text: body.comment.text,
      scores: Object.fromEntries(Object.entries(body.attributeScores).map(([a, s]) => [a, s.summaryScore.value])),
      clientToken: body.clientToken,
      keyId: c.get("principal").keyId,
    });
    return c.json(
      {
        ...(body.languages ? { requestedLanguages: body.languages } : {}),
        ...(body.clientToken !== undefined ? { clientToken: body.clientToken } : {}),
      },
      200,
    );
  });
