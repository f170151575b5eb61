import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { evaluationRequestSchema, judgmentRecordSchema, slugSchema } from "../../domain/index.js";
import { dryRun } from "../../moderation/dry-run.js";
import type { AppEnv } from "../app-env.js";
import { access } from "../middleware/authorize.js";
import { communityParams, json, problems, requestBody } from "../schemas.js";

export const dryRunRoute = createRoute({
  method: "post",
  path: "/v1/communities/{community}/norms/{id}/judge",
  operationId: "judgeWithNorm",
  ...access("editor", "moderator"),
  tags: ["norms"],
  summary: "Dry run: one piece of content against one norm, with the configured model; records nothing",
  request: {
    params: communityParams.extend({ id: slugSchema.meta({ param: { name: "id", in: "path" } }) }),
    body: requestBody(evaluationRequestSchema, {
      content: { text: "we're here, we're queer, get used to it" },
      author: { groups: ["gay"] },
    }),
  },
  responses: {
    200: json(
      z
        .object({
          norm: z.string(),
          version: z.number().int(),
          outcome: z.enum(["not_engaged", "violated", "excepted", "needs_review"]),
          exception: z.string().optional(),
          cause: z.string().optional(),
          rule: z.record(z.string(), z.unknown()),
          judgment: judgmentRecordSchema.optional(),
          prompt: z.object({ system: z.string(), user: z.string(), delimiter: z.string() }).optional(),
          facts: z.record(z.string(), z.unknown()),
          evidence: z.array(z.record(z.string(), z.unknown())),
        })
        .meta({ id: "DryRunResult" }),
      "The full trace; nothing was recorded",
    ),
    ...problems(401, 403, 429, 400, 404, 413, 415),
  },
});

export const registerDryRun = (app: OpenAPIHono<AppEnv>) =>
  app.openapi(dryRunRoute, async (c) => {
    const { community, id } = c.req.valid("param");
    const services = c.get("services");
    const set = await services.normSets.current(community);
    return c.json(await dryRun(services.judgment, set, id, c.req.valid("json")), 200);
  });
