import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { rulingSchema, slugSchema } from "../../domain/index.js";
import { claimReview, releaseReview } from "../../reviews/claim.js";
import { decideReview } from "../../reviews/decide-review.js";
import { listQueue } from "../../reviews/queue.js";
import type { AppEnv } from "../app-env.js";
import { decisionSigner } from "../decision-signer.js";
import { access } from "../middleware/authorize.js";
import { communityParams, json, pageQuery, problems, requestBody } from "../schemas.js";

const rulingParams = communityParams.extend({
  ruling_id: z
    .string()
    .min(1)
    .max(64)
    .meta({ param: { name: "ruling_id", in: "path" } }),
});
const moderator = z
  .string()
  .min(1)
  .max(200)
  .optional()
  .meta({ description: "The moderator's name; default the key's name. The acting key's id is recorded either way." });

const queueRoute = createRoute({
  method: "get",
  path: "/v1/communities/{community}/reviews",
  operationId: "listReviews",
  ...access("moderator"),
  tags: ["reviews"],
  summary: "The review queue: rulings waiting for a moderator, oldest first",
  request: {
    params: communityParams,
    query: pageQuery(50, 200).extend({
      norm: slugSchema.optional(),
    }),
  },
  responses: {
    200: json(
      z
        .object({
          data: z.array(
            z.object({
              ruling: rulingSchema,
              waiting_since: z.string(),
              claimed_by: z.string().nullable(),
              claimed_at: z.string().nullable(),
              claim_expires_at: z.string().nullable().meta({ description: "When the live claim's lease ends." }),
              suggestions: z
                .array(
                  z.object({
                    scores: z.record(z.string(), z.number()),
                    client_token: z.string().nullable(),
                    suggested_at: z.string(),
                  }),
                )
                .meta({
                  description: "Scores platforms suggested for this content (comments:suggestscore), newest first.",
                }),
            }),
          ),
          next_cursor: z.string().nullable(),
        })
        .meta({ id: "ReviewPage" }),
      "Queued rulings",
    ),
    ...problems(401, 403, 429, 400, 404),
  },
});

const claimRoute = createRoute({
  method: "post",
  path: "/v1/communities/{community}/reviews/{ruling_id}/claim",
  operationId: "claimReview",
  ...access("moderator"),
  tags: ["reviews"],
  summary:
    "Claim a queued ruling for the community's lease (reviews.claim_lease_minutes); claiming again renews it. While it runs, others get 409 claimed_by_other",
  request: {
    params: rulingParams,
    body: requestBody(z.strictObject({ moderator }).meta({ id: "ClaimReviewRequest" }), { moderator: "sam" }),
  },
  responses: {
    200: json(
      z
        .object({ ruling_id: z.string(), claimed_by: z.string(), claimed_at: z.string(), expires_at: z.string() })
        .meta({ id: "ReviewClaim" }),
      "Claimed",
    ),
    ...problems(401, 403, 429, 400, 404, 409, 415),
  },
});

const releaseRoute = createRoute({
  method: "post",
  operationId: "releaseReview",
  path: "/v1/communities/{community}/reviews/{ruling_id}/release",
  ...access("moderator"),
  tags: ["reviews"],
  summary: "Release one's claim on a queued ruling before its lease ends",
  request: {
    params: rulingParams,
    body: requestBody(z.strictObject({ moderator }), { moderator: "sam" }),
  },
  responses: {
    200: json(
      z
        .object({ ruling_id: z.string(), released_by: z.string(), released_at: z.string() })
        .meta({ id: "ReviewRelease" }),
      "Released",
    ),
    ...problems(401, 403, 429, 400, 404, 409, 415),
  },
});

const decideRoute = createRoute({
  method: "post",
  path: "/v1/communities/{community}/reviews/{ruling_id}/decision",
  operationId: "decideReview",
  ...access("moderator"),
  tags: ["reviews"],
  summary:
    "Decide a queued ruling; appends a ruling that supersedes it. Needs the decider's live claim unless the community's reviews.require_claim is false",
  request: {
    params: rulingParams,
    body: requestBody(
      z
        .strictObject({
          decision: z.enum(["allow", "label", "hide", "remove"]),
          rationale: z.string().trim().min(1).max(5000),
          exception: slugSchema.optional().meta({ description: "The exception that applies, when allowing on one." }),
          moderator,
        })
        .meta({ id: "ReviewDecisionRequest" }),
      {
        decision: "allow",
        rationale: "Reclaimed by a member of the group.",
        exception: "in-group-reclamation",
        moderator: "sam",
      },
    ),
  },
  responses: {
    200: json(
      z.object({ review: z.record(z.string(), z.unknown()), ruling: rulingSchema }).meta({ id: "ReviewDecided" }),
      "Decided",
    ),
    ...problems(401, 403, 429, 400, 404, 409, 415, 422),
  },
});

export const registerReviews = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(queueRoute, async (c) => {
    const q = c.req.valid("query");
    return c.json(
      await listQueue(c.get("services"), c.req.valid("param").community, {
        limit: q.limit,
        ...(q.norm ? { norm: q.norm } : {}),
        ...(q.cursor ? { cursor: q.cursor } : {}),
      }),
      200,
    );
  });
  app.openapi(claimRoute, async (c) => {
    const { community, ruling_id } = c.req.valid("param");
    return c.json(
      await claimReview(c.get("services"), community, ruling_id, decisionSigner(c, c.req.valid("json").moderator)),
      200,
    );
  });
  app.openapi(releaseRoute, async (c) => {
    const { community, ruling_id } = c.req.valid("param");
    return c.json(
      await releaseReview(c.get("services"), community, ruling_id, decisionSigner(c, c.req.valid("json").moderator)),
      200,
    );
  });
  app.openapi(decideRoute, async (c) => {
    const { community, ruling_id } = c.req.valid("param");
    const body = c.req.valid("json");
    return c.json(
      await decideReview(c.get("services"), community, ruling_id, { ...body, ...decisionSigner(c, body.moderator) }),
      200,
    );
  });
};
