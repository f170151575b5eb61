import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { evaluationRequestSchema, rulingSchema, rulingSummarySchema } from "../../domain/index.js";
import { moderate } from "../../moderation/moderate.js";
import { rulingSummaryView } from "../../rulings/ruling-view.js";
import type { AppEnv } from "../app-env.js";
import { access } from "../middleware/authorize.js";
import { openapiRoute } from "../openapi-route.js";
import { wantsMinimal } from "../return-preference.js";
import { communityParams, json, moderationHeaders, problems, requestBody } from "../schemas.js";
import { applyWait, preferredWait } from "../wait-preference.js";

export const moderateRoute = createRoute({
  method: "post",
  path: "/v1/communities/{community}/moderate",
  operationId: "moderateContent",
  ...access("platform"),
  tags: ["moderation"],
  summary: "Evaluate content and record a ruling",
  description:
    "Evaluates the content against the community's norm set in force and returns the ruling, recorded durably before the answer is sent. " +
    "The same Idempotency-Key, or the same content.id with the same text, returns the same ruling (200 instead of 201). " +
    "Where a norm needs the model's judgment, the answer waits for it at most `Prefer: wait=N` seconds (else the community's `judgment.wait_seconds`); " +
    "past that it is a provisional ruling (`status: pending_judgment`, deciding the community's `judgment.interim` action), and a final ruling " +
    "supersedes it when the model answers — or fails, then `review` — announced by the signed `ruling.superseded` webhook. " +
    "With `Prefer: return=minimal` the answer is the ruling's summary (a RulingSummary); facts, evidence and trace stay at `links.self`.",
  request: {
    params: communityParams,
    headers: moderationHeaders,
    body: requestBody(evaluationRequestSchema, {
      content: { id: "post-1", text: "See you at the match tonight!" },
      author: { id: "u-42" },
    }),
  },
  responses: {
    201: {
      ...json(
        z.union([rulingSchema, rulingSummarySchema]),
        "A new ruling: final, or provisional (`status: pending_judgment`) when the model outlasted the wait; its summary with Prefer: return=minimal",
      ),
      headers: {
        "Preference-Applied": {
          description:
            "The preferences honoured: `return=minimal`, and `wait=N` with N the wait (seconds) that held for the model",
          schema: { type: "string", example: "return=minimal, wait=0.2" },
        },
      },
    },
    200: json(
      z.union([rulingSchema, rulingSummarySchema]),
      "The ruling already recorded for this request (its summary with Prefer: return=minimal)",
    ),
    ...problems(401, 403, 429, 400, 404, 413, 415, 422),
  },
});

export const registerModerate = (app: OpenAPIHono<AppEnv>) =>
  openapiRoute(app, moderateRoute, async (c) => {
    const { community } = c.req.valid("param");
    const key = c.req.valid("header")["idempotency-key"];
    const wait = preferredWait(c);
    const moderated = await moderate(c.get("services"), community, c.req.valid("json"), key, wait);
    applyWait(c, wait, [moderated.waited]);
    if (moderated.replayed) c.header("Idempotent-Replayed", "true");
    const answer = wantsMinimal(c) ? rulingSummaryView(moderated.record.row, moderated.record.norms) : moderated.ruling;
    c.header("Location", answer.links.self);
    return c.json(answer, moderated.replayed ? 200 : 201);
  });
