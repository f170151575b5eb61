import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { decideAppeal, withdrawAppeal } from "../../appeals/decide-appeal.js";
import { fileAppeal } from "../../appeals/file-appeal.js";
import { getAppeal, listAppeals } from "../../appeals/read-appeals.js";
import { APPEAL_STATES } from "../../appeals/transition.js";
import { rulingSchema, slugSchema } from "../../domain/index.js";
import type { AppEnv } from "../app-env.js";
import { decisionSigner } from "../decision-signer.js";
import { access } from "../middleware/authorize.js";
import { communityParams, idempotencyHeaders, json, pageQuery, problems, requestBody } from "../schemas.js";

const appealSchema = z
  .object({
    id: z.string(),
    community: z.string(),
    ruling_id: z.string(),
    state: z.enum(APPEAL_STATES),
    grounds: z.string(),
    context: z.unknown(),
    filed_at: z.string(),
    decided_at: z.string().nullable(),
    outcome: z.enum(["upheld", "overturned", "modified"]).nullable(),
    rationale: z.string().nullable(),
    decision: z.string().nullable(),
    decided_by: z.string().nullable().meta({ description: "The moderator's name." }),
    decided_by_key: z.string().nullable().meta({ description: "The id of the API key that decided." }),
    superseding_ruling_id: z.string().nullable(),
    links: z.object({ self: z.string(), ruling: z.string() }),
  })
  .meta({ id: "Appeal" });

const idParam = (name: string) =>
  z
    .string()
    .min(1)
    .max(64)
    .meta({ param: { name, in: "path" } });

const fileRoute = createRoute({
  method: "post",
  path: "/v1/communities/{community}/rulings/{id}/appeals",
  operationId: "fileAppeal",
  ...access("platform"),
  tags: ["appeals"],
  summary: "File an appeal on the author's behalf, until the ruling's appeal_until",
  request: {
    params: communityParams.extend({ id: idParam("id") }),
    headers: idempotencyHeaders,
    body: requestBody(
      z
        .strictObject({
          grounds: z.string().trim().min(1).max(5000),
          context: z.record(z.string(), z.unknown()).optional().meta({ description: "Extra context from the author." }),
        })
        .meta({ id: "AppealRequest" }),
      { grounds: "I was quoting the abuse I received, to report it." },
    ),
  },
  responses: {
    201: json(appealSchema, "Filed"),
    200: json(appealSchema, "Already filed with this key"),
    ...problems(401, 403, 429, 400, 404, 409, 415, 422),
  },
});

const decideRoute = createRoute({
  method: "post",
  path: "/v1/communities/{community}/appeals/{appeal_id}/decision",
  operationId: "decideAppeal",
  ...access("moderator"),
  tags: ["appeals"],
  summary: "Decide an appeal: upheld, overturned or modified, with a rationale",
  request: {
    params: communityParams.extend({ appeal_id: idParam("appeal_id") }),
    body: requestBody(
      z
        .strictObject({
          outcome: z.enum(["upheld", "overturned", "modified"]),
          rationale: z.string().trim().min(1).max(5000),
          decision: z
            .enum(["allow", "label", "hide", "remove"])
            .optional()
            .meta({ description: "Required for modified; overturned defaults to allow." }),
          exception: slugSchema
            .optional()
            .meta({ description: "An exception the appealed ruling's norms offer at the version applied (else 422)." }),
          moderator: z.string().min(1).max(200).optional().meta({
            description: "The moderator's name; default the key's name. The key's id is recorded either way.",
          }),
        })
        .meta({ id: "AppealDecisionRequest" }),
      { outcome: "overturned", rationale: "The author quoted abuse to report it.", moderator: "sam" },
    ),
  },
  responses: {
    200: json(
      z.object({ appeal: appealSchema, ruling: rulingSchema.nullable() }).meta({ id: "AppealDecided" }),
      "Decided",
    ),
    ...problems(401, 403, 429, 400, 404, 409, 415, 422),
  },
});

const withdrawRoute = createRoute({
  method: "post",
  path: "/v1/communities/{community}/appeals/{appeal_id}/withdraw",
  operationId: "withdrawAppeal",
  ...access("platform"),
  tags: ["appeals"],
  summary: "Withdraw an open appeal",
  request: { params: communityParams.extend({ appeal_id: idParam("appeal_id") }) },
  responses: { 200: json(appealSchema, "Withdrawn"), ...problems(401, 403, 429, 404, 409) },
});

const getRoute = createRoute({
  method: "get",
  path: "/v1/communities/{community}/appeals/{appeal_id}",
  operationId: "getAppeal",
  ...access("platform", "moderator"),
  tags: ["appeals"],
  summary: "An appeal",
  request: { params: communityParams.extend({ appeal_id: idParam("appeal_id") }) },
  responses: { 200: json(appealSchema, "The appeal"), ...problems(401, 403, 429, 400, 404) },
});

const listRoute = createRoute({
  method: "get",
  path: "/v1/communities/{community}/appeals",
  operationId: "listAppeals",
  ...access("platform", "moderator"),
  tags: ["appeals"],
  summary: "Appeals by state, newest first",
  request: {
    params: communityParams,
    query: pageQuery(50, 200).extend({
      state: z.enum(APPEAL_STATES).optional(),
    }),
  },
  responses: {
    200: json(
      z.object({ data: z.array(appealSchema), next_cursor: z.string().nullable() }).meta({ id: "AppealPage" }),
      "A page of appeals",
    ),
    ...problems(401, 403, 429, 400, 404),
  },
});

export const registerAppeals = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(fileRoute, async (c) => {
    const { community, id } = c.req.valid("param");
    const { appeal, replayed } = await fileAppeal(
      c.get("services"),
      community,
      id,
      c.req.valid("json"),
      c.req.valid("header")["idempotency-key"],
    );
    return c.json(appeal, replayed ? 200 : 201);
  });
  app.openapi(decideRoute, async (c) => {
    const { community, appeal_id } = c.req.valid("param");
    const body = c.req.valid("json");
    return c.json(
      await decideAppeal(c.get("services"), community, appeal_id, { ...body, ...decisionSigner(c, body.moderator) }),
      200,
    );
  });
  app.openapi(withdrawRoute, async (c) => {
    const { community, appeal_id } = c.req.valid("param");
    return c.json(await withdrawAppeal(c.get("services"), community, appeal_id), 200);
  });
  app.openapi(getRoute, async (c) => {
    const { community, appeal_id } = c.req.valid("param");
    return c.json(await getAppeal(c.get("services"), community, appeal_id), 200);
  });
  app.openapi(listRoute, async (c) => {
    const q = c.req.valid("query");
    return c.json(
      await listAppeals(c.get("services"), c.req.valid("param").community, {
        limit: q.limit,
        ...(q.state ? { state: q.state } : {}),
        ...(q.cursor ? { cursor: q.cursor } : {}),
      }),
      200,
    );
  });
};
