import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { evaluationRequestSchema, rulingSchema, rulingSummarySchema } from "../../domain/index.js";
import { moderateBatch } from "../../moderation/moderate.js";
import { rulingSummaryView } from "../../rulings/ruling-view.js";
import type { AppEnv } from "../app-env.js";
import { jsonInTurns } from "../json-in-turns.js";
import { access } from "../middleware/authorize.js";
import { openapiRoute } from "../openapi-route.js";
import { wantsMinimal } from "../return-preference.js";
import { communityParams, json, moderationHeaders, problems, requestBody } from "../schemas.js";
import { applyWait, preferredWait } from "../wait-preference.js";

export const MAX_BATCH = 100;

export const moderateBatchRoute = createRoute({
  method: "post",
  path: "/v1/communities/{community}/moderate/batch",
  operationId: "moderateContentBatch",
  ...access("platform"),
  tags: ["moderation"],
  summary: "Evaluate up to 100 items, one ruling each, in order",
  request: {
    params: communityParams,
    headers: moderationHeaders,
    body: requestBody(
      z.strictObject({ items: z.array(evaluationRequestSchema).min(1).max(MAX_BATCH) }).meta({ id: "BatchRequest" }),
      {
        items: [{ content: { id: "c-1", text: "first comment" } }, { content: { id: "c-2", text: "second" } }],
      },
    ),
  },
  responses: {
    200: json(
      z
        .object({ rulings: z.array(z.union([rulingSchema, rulingSummarySchema])), replayed: z.array(z.boolean()) })
        .meta({ id: "BatchRulings" }),
      "One ruling per item, in the order sent (summaries with Prefer: return=minimal); `replayed` marks rulings that were already recorded",
    ),
    ...problems(401, 403, 429, 400, 404, 413, 415, 422),
  },
});

export const registerModerateBatch = (app: OpenAPIHono<AppEnv>) =>
  openapiRoute(app, moderateBatchRoute, async (c) => {
    const { community } = c.req.valid("param");
    const key = c.req.valid("header")["idempotency-key"];
    const wait = preferredWait(c);
    const results = await moderateBatch(c.get("services"), community, c.req.valid("json").items, key, wait);
    applyWait(
      c,
      wait,
      results.map((r) => r.waited),
    );
    const minimal = wantsMinimal(c);
    const rulings = results.map((r) => (minimal ? rulingSummaryView(r.record.row, r.record.norms) : r.ruling));
    // The same JSON as c.json would send, serialised a few rulings per turn (see json-in-turns.ts).
    const replayed = results.map((r) => r.replayed);
    const body = jsonInTurns("rulings", rulings, { replayed });
    // The c.json answer the route's OpenAPI response describes, byte for byte; its type cannot say so.
    return c.body(body, 200, { "content-type": "application/json" }) as never;
  });
