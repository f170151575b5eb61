import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import {
  DECISIONS,
  evaluationRequestSchema,
  OPENAI_CATEGORIES,
  PERSPECTIVE_CORE,
  type PerspectiveAttribute,
  RULING_OUTCOMES,
  SEVERITIES,
} from "../../domain/index.js";
import { remembered } from "../../lib/remembered.js";
import { judgeWithoutRecord, type ShimContext } from "../../shims/judge.js";
import { openaiScores, perspectiveScore } from "../../shims/scores.js";
import type { AppEnv } from "../app-env.js";
import { access } from "../middleware/authorize.js";
import { openapiRoute } from "../openapi-route.js";
import { communityParams, json, problems, requestBody } from "../schemas.js";

const checkResult = z
  .object({
    recorded: z.literal(false).meta({ description: "Nothing was stored: there is no ruling to appeal." }),
    decision: z.enum(DECISIONS),
    norm_set_version: z.number().int(),
    norms: z.array(
      z.object({
        id: z.string(),
        outcome: z.enum(RULING_OUTCOMES),
        severity: z.enum(SEVERITIES),
        exception: z.string().optional(),
      }),
    ),
    evidence: z.array(z.object({ category: z.string(), span: z.tuple([z.number().int(), z.number().int()]) })),
    scores: z.object({
      perspective: z
        .record(z.string(), z.number())
        .meta({ description: "The core attributes and any a norm informs." }),
      openai: z.record(z.string(), z.number()),
    }),
  })
  .meta({ id: "CheckResult" });

export const checkRoute = createRoute({
  method: "post",
  path: "/v1/communities/{community}/check",
  operationId: "checkContent",
  ...access("platform"),
  "x-rate-limit": "check",
  tags: ["moderation"],
  summary: "Check while typing: the same evaluation, nothing recorded",
  description:
    "Evaluates like moderate and answers the decision, the norms engaged and the compatibility scores, recording nothing " +
    "(no ruling, so nothing to appeal). Each key has a separate, smaller rate limit here (MORES_CHECK_RATE_LIMIT_PER_SECOND).",
  request: {
    params: communityParams,
    body: requestBody(evaluationRequestSchema, { content: { text: "See you at the match tonight!" } }),
  },
  responses: {
    200: json(checkResult, "The evaluation; nothing was stored"),
    ...problems(401, 403, 429, 400, 404, 413, 415),
  },
});

/** The Perspective attributes a check answers: the core ones and those the set's norms inform; once per set. */
const attributesBySet = new WeakMap<ShimContext, PerspectiveAttribute[]>();

function attributesFor(context: ShimContext): PerspectiveAttribute[] {
  const informed = context.norms.flatMap((n) => context.declared(n)?.perspective ?? []);
  return [...new Set([...PERSPECTIVE_CORE, ...informed])];
}

export const registerCheck = (app: OpenAPIHono<AppEnv>) =>
  openapiRoute(app, checkRoute, async (c) => {
    const { community } = c.req.valid("param");
    const { checked, context } = await judgeWithoutRecord(c.get("services"), community, c.req.valid("json"));
    const attributes = remembered(attributesBySet, context, attributesFor);
    const perspective = Object.fromEntries(
      attributes.map((a) => [a, perspectiveScore(checked, context.declared, a).score]),
    );
    const { scores } = openaiScores(checked, context.declared);
    const openai = Object.fromEntries(OPENAI_CATEGORIES.map((cat) => [cat, scores[cat]]));
    return c.json({ recorded: false as const, ...checked, scores: { perspective, openai } }, 200);
  });
