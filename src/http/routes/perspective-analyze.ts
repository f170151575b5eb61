import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { authorSchema, signalsSchema } from "../../domain/index.js";
import { analyzeComment } from "../../shims/perspective.js";
import type { AppEnv } from "../app-env.js";
import { access } from "../middleware/authorize.js";
import { json, requestBody } from "../schemas.js";
import { shimCommunity } from "../shim-community.js";

/** Perspective's TextEntry: mores judges plain text. */
export const textEntrySchema = z.object({
  text: z.string().max(65536),
  type: z.enum(["PLAIN_TEXT"]).optional().meta({ description: "PLAIN_TEXT (HTML is not read)." }),
});

/** Perspective's Context: earlier entries, or the article and the comment replied to — never both. */
export const perspectiveContextSchema = z
  .object({
    entries: z.array(textEntrySchema).max(32).optional(),
    articleAndParentComment: z
      .object({ article: textEntrySchema.optional(), parentComment: textEntrySchema.optional() })
      .optional(),
  })
  .refine(
    (c) => !(c.entries && c.articleAndParentComment),
    "give context.entries or articleAndParentComment, not both",
  );

/** mores's extension to the Perspective request: who wrote the comment, and external classifier scores. */
export const moresExtension = z
  .object({ author: authorSchema.optional(), signals: signalsSchema.optional() })
  .meta({ description: "mores extension: the author (declared groups make reclamation visible) and signals." });

const analyzeRequest = z
  .object({
    comment: textEntrySchema,
    context: perspectiveContextSchema.optional(),
    requestedAttributes: z.record(
      z.string().max(64),
      z.object({ scoreType: z.string().max(32).optional(), scoreThreshold: z.number().min(0).max(1).optional() }),
    ),
    languages: z.array(z.string().min(1).max(16)).max(8).optional(),
    doNotStore: z.boolean().optional(),
    clientToken: z.string().max(256).optional(),
    sessionId: z.string().max(256).optional(),
    communityId: z.string().max(64).optional().meta({ description: "The mores community; the key's own when absent." }),
    spanAnnotations: z.boolean().optional(),
    dropUnsupportedAttributes: z.boolean().optional(),
    mores: moresExtension.optional(),
  })
  .meta({ id: "AnalyzeCommentRequest" });

const scoreSchema = z.object({ value: z.number(), type: z.literal("PROBABILITY") });
const analyzeResponse = z
  .object({
    attributeScores: z.record(
      z.string(),
      z.object({
        summaryScore: scoreSchema,
        spanScores: z.array(z.object({ begin: z.number().int(), end: z.number().int(), score: scoreSchema })),
      }),
    ),
    languages: z.array(z.string()),
    detectedLanguages: z.array(z.string()).optional(),
    clientToken: z.string().optional(),
  })
  .meta({ id: "AnalyzeCommentResponse" });

const googleError = z
  .object({ error: z.object({ code: z.number().int(), message: z.string(), status: z.string() }) })
  .meta({ id: "GoogleError" });

/** Google-shaped error answers. */
export const googleErrors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [s, json(googleError, "An error in Google's shape")]));

export const analyzeRoute = createRoute({
  method: "post",
  path: "/v1alpha1/comments:analyze",
  operationId: "perspectiveAnalyzeComment",
  ...access("platform"),
  "x-community": "body",
  tags: ["compatibility"],
  summary: "Perspective-compatible: score a comment from a recorded ruling",
  description:
    "Perspective's request and response. The key is `?key=` or a bearer token; `communityId` names the community. " +
    "Scores are derived from the ruling (README: not probabilities); the ruling is recorded (only the text's hash with `doNotStore`) " +
    "and its id returned in `Mores-Ruling-Id`, so the author can appeal.",
  request: {
    // Perspective clients send the key in the query string.
    query: z.object({
      key: z.string().optional().meta({ description: "The API key (or send it as a bearer token)." }),
    }),
    body: requestBody(analyzeRequest, {
      comment: { text: "See you at the match tonight!" },
      requestedAttributes: { TOXICITY: {}, IDENTITY_ATTACK: {} },
      communityId: "default",
    }),
  },
  responses: {
    200: json(analyzeResponse, "Scores from the recorded ruling; its id is in Mores-Ruling-Id"),
    ...googleErrors(400, 401, 403, 404, 429),
  },
});

export const registerPerspectiveAnalyze = (app: OpenAPIHono<AppEnv>) =>
  app.openapi(analyzeRoute, async (c) => {
    const body = c.req.valid("json");
    const community = await shimCommunity(c, body.communityId, "communityId");
    const ctx = body.context;
    const parent =
      ctx?.articleAndParentComment?.parentComment?.text ??
      (ctx?.entries?.length ? ctx.entries.map((e) => e.text).join("\n") : undefined);
    const { body: answer, ruling } = await analyzeComment(c.get("services"), community, {
      text: body.comment.text,
      ...(parent !== undefined ? { parent } : {}),
      requestedAttributes: body.requestedAttributes,
      languages: body.languages,
      doNotStore: body.doNotStore,
      spanAnnotations: body.spanAnnotations,
      dropUnsupportedAttributes: body.dropUnsupportedAttributes,
      clientToken: body.clientToken,
      author: body.mores?.author,
      signals: body.mores?.signals,
    });
    c.header("Mores-Ruling-Id", ruling.id);
    c.header("Mores-Decision", ruling.decision);
    return c.json(answer, 200);
  });
