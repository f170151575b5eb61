import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { createKey, listKeys, revokeKey } from "../../access/keys.js";
import { rateLimitSchema, roleSchema } from "../../domain/index.js";
import type { AppEnv } from "../app-env.js";
import { access } from "../middleware/authorize.js";
import { communityIdParams, communityParams, json, problems, requestBody } from "../schemas.js";

const keySchema = z
  .object({
    id: z.string().meta({ description: "The key's id, which is also inside the key: `mores_<id>_<secret>`." }),
    role: roleSchema,
    name: z.string().nullable(),
    rate_limit: z.object({ per_second: z.number(), burst: z.number() }).nullable(),
    created_at: z.string(),
    created_by: z.string(),
    revoked_at: z.string().nullable(),
    last_used_at: z
      .string()
      .nullable()
      .meta({ description: "When the key last authenticated a request (to the minute)" }),
  })
  .meta({ id: "ApiKey" });

export const createKeyRoute = createRoute({
  method: "post",
  path: "/v1/communities/{community}/keys",
  operationId: "createKey",
  ...access(),
  tags: ["keys"],
  summary: "Create an API key; the answer carries the key, shown only this once",
  request: {
    params: communityParams,
    body: requestBody(
      z
        .strictObject({
          role: roleSchema,
          name: z.string().min(1).max(200).optional(),
          rate_limit: rateLimitSchema.optional().meta({ description: "Overrides the service's default limit." }),
        })
        .meta({ id: "ApiKeyRequest" }),
      { role: "platform", name: "web app" },
    ),
  },
  responses: {
    201: json(
      keySchema.extend({ key: z.string() }).meta({ id: "ApiKeyCreated" }),
      "The key (store it now: only its hash is kept)",
    ),
    ...problems(401, 403, 429, 400, 404, 415),
  },
});

export const listKeysRoute = createRoute({
  method: "get",
  path: "/v1/communities/{community}/keys",
  operationId: "listKeys",
  ...access(),
  tags: ["keys"],
  summary: "The community's keys, newest first, never with their secrets",
  request: { params: communityParams },
  responses: {
    200: json(z.object({ data: z.array(keySchema) }).meta({ id: "ApiKeyList" }), "Keys"),
    ...problems(401, 403, 429, 400, 404),
  },
});

export const revokeKeyRoute = createRoute({
  method: "delete",
  path: "/v1/communities/{community}/keys/{id}",
  operationId: "revokeKey",
  ...access(),
  tags: ["keys"],
  summary: "Revoke a key: from then on it gets 401",
  request: { params: communityIdParams },
  responses: { 200: json(keySchema, "The revoked key"), ...problems(401, 403, 429, 400, 404) },
});

export const registerKeys = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(createKeyRoute, async (c) =>
    c.json(
      await createKey(c.get("services"), c.req.valid("param").community, c.req.valid("json"), c.get("principal")),
      201,
    ),
  );
  app.openapi(listKeysRoute, async (c) =>
    c.json(await listKeys(c.get("services"), c.req.valid("param").community), 200),
  );
  app.openapi(revokeKeyRoute, async (c) => {
    const { community, id } = c.req.valid("param");
    return c.json(await revokeKey(c.get("services"), community, id, c.get("principal")), 200);
  });
};
