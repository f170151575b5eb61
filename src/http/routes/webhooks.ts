import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { DELIVERY_STATUSES, listDeliveries } from "../../webhooks/delivery-list.js";
import { createEndpoint, disableEndpoint, listEndpoints } from "../../webhooks/endpoints.js";
import { WEBHOOK_EVENT_TYPES } from "../../webhooks/outbox.js";
import type { AppEnv } from "../app-env.js";
import { access } from "../middleware/authorize.js";
import { communityIdParams, communityParams, json, problems, requestBody } from "../schemas.js";

const endpointFields = {
  id: z.string(),
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  created_at: z.string(),
};

export const createWebhookRoute = createRoute({
  method: "post",
  path: "/v1/communities/{community}/webhooks",
  operationId: "createWebhook",
  ...access(),
  tags: ["webhooks"],
  summary: "Register a webhook endpoint; the answer carries its signing secret, shown only this once",
  request: {
    params: communityParams,
    body: requestBody(
      z
        .strictObject({
          url: z.string().min(1).max(2048).meta({
            description:
              "An http(s) URL that accepts POST, on a public address: loopback, private, link-local, metadata and other internal targets are refused (422 webhook_target_refused) unless the operator allows them.",
          }),
          events: z
            .array(z.enum(WEBHOOK_EVENT_TYPES))
            .min(1)
            .max(WEBHOOK_EVENT_TYPES.length * 2),
        })
        .meta({ id: "WebhookRequest" }),
      { url: "https://platform.example/hooks/mores", events: ["ruling.created", "appeal.decided"] },
    ),
  },
  responses: {
    201: json(
      z.object({ ...endpointFields, secret: z.string() }).meta({ id: "WebhookEndpointCreated" }),
      "The endpoint and its secret (whsec_…)",
    ),
    ...problems(401, 403, 429, 400, 404, 415, 503),
    422: {
      ...problems(422)[422],
      description: "webhook_target_refused: the URL reaches an internal address; `reason` names which kind",
    },
  },
});

export const listWebhooksRoute = createRoute({
  method: "get",
  path: "/v1/communities/{community}/webhooks",
  operationId: "listWebhooks",
  ...access(),
  tags: ["webhooks"],
  summary: "The community's webhook endpoints, with their deliveries counted by status",
  request: { params: communityParams },
  responses: {
    200: json(
      z
        .object({
          data: z.array(
            z.object({
              ...endpointFields,
              disabled_at: z.string().nullable(),
              deliveries: z.record(z.enum(DELIVERY_STATUSES), z.number().int()),
            }),
          ),
        })
        .meta({ id: "WebhookEndpointList" }),
      "Endpoints, oldest first, without secrets",
    ),
    ...problems(401, 403, 429, 400, 404),
  },
});

export const listDeliveriesRoute = createRoute({
  method: "get",
  path: "/v1/communities/{community}/webhooks/{id}/deliveries",
  operationId: "listWebhookDeliveries",
  ...access(),
  tags: ["webhooks"],
  summary: "An endpoint's latest deliveries (up to 100), newest first",
  request: { params: communityIdParams, query: z.object({ status: z.enum(DELIVERY_STATUSES).optional() }) },
  responses: {
    200: json(
      z
        .object({
          data: z.array(
            z.object({
              event_id: z.string(),
              type: z.string(),
              event_created_at: z.string(),
              status: z.enum(DELIVERY_STATUSES),
              attempts: z.number().int(),
              last_status: z.number().int().nullable(),
              last_error: z.string().nullable(),
              next_attempt_at: z.string().nullable(),
              delivered_at: z.string().nullable(),
            }),
          ),
        })
        .meta({ id: "WebhookDeliveryList" }),
      "Deliveries",
    ),
    ...problems(401, 403, 429, 400, 404),
  },
});

export const disableWebhookRoute = createRoute({
  method: "delete",
  path: "/v1/communities/{community}/webhooks/{id}",
  operationId: "disableWebhook",
  ...access(),
  tags: ["webhooks"],
  summary: "Disable an endpoint: nothing more is sent to it, and its pending deliveries end failed",
  request: { params: communityIdParams },
  responses: { 204: { description: "Disabled" }, ...problems(401, 403, 429, 400, 404) },
});

export const registerWebhooks = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(createWebhookRoute, async (c) => {
    const { community } = c.req.valid("param");
    return c.json(await createEndpoint(c.get("services"), community, c.req.valid("json"), c.get("principal")), 201);
  });
  app.openapi(listWebhooksRoute, async (c) =>
    c.json(await listEndpoints(c.get("services"), c.req.valid("param").community), 200),
  );
  app.openapi(listDeliveriesRoute, async (c) => {
    const { community, id } = c.req.valid("param");
    return c.json(await listDeliveries(c.get("services"), community, id, c.req.valid("query").status), 200);
  });
  app.openapi(disableWebhookRoute, async (c) => {
    const { community, id } = c.req.valid("param");
    await disableEndpoint(c.get("services"), community, id, c.get("principal"));
    return c.body(null, 204);
  });
};
