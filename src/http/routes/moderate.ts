import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { evaluationRequestSchema, rulingSchema } from "../../domain/index.js";
import { moderate } from "../../moderation/moderate.js";
import type { AppEnv } from "../app-env.js";
import { access } from "../middleware/authorize.js";
import { communityParams, idempotencyHeaders, json, problems, requestBody } from "../schemas.js";

export const moderateRoute = createRoute({
  method: "post",
  path: "/v1/communities/{community}/moderate",
  operationId: "moderateContent",
  ...access("platform"),
  tags: ["moderation"],
  summary: "Evaluate content and record a ruling",
  description:
    "Evaluates the content against the community's norm set in force and returns the ruling, recorded durably before the answer is sent. " +
    "The same Idempotency-Key, or the same content.id with the same text, returns the same ruling (200 instead of 201).",
  request: {
    params: communityParams,
    headers: idempotencyHeaders,
    body: requestBody(evaluationRequestSchema, {
      content: { id: "post-1", text: "See you at the match tonight!" },
      author: { id: "u-42" },
    }),
  },
  responses: {
    201: json(rulingSchema, "A new ruling"),
    200: json(rulingSchema, "The ruling already recorded for this request"),
    ...problems(401, 403, 429, 400, 404, 413, 415, 422),
  },
});

export const registerModerate = (app: OpenAPIHono<AppEnv>) =>
  app.openapi(moderateRoute, async (c) => {
    const { community } = c.req.valid("param");
    const key = c.req.valid("header")["idempotency-key"];
    const { ruling, replayed } = await moderate(c.get("services"), community, c.req.valid("json"), key);
    if (replayed) c.header("Idempotent-Replayed", "true");
    c.header("Location", ruling.links.self);
    return c.json(ruling, replayed ? 200 : 201);
  });
