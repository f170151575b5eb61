import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { PROPOSAL_STATUSES, proposalInputSchema } from "../../domain/index.js";
import { adoptProposal, approveProposal, closeProposal } from "../../proposals/decide-proposal.js";
import { getProposal, listProposals } from "../../proposals/read-proposals.js";
import { startShadow, stopShadow } from "../../proposals/shadow-control.js";
import { submitProposal } from "../../proposals/submit-proposal.js";
import type { AppEnv } from "../app-env.js";
import { access } from "../middleware/authorize.js";
import { communityIdParams, communityParams, json, pageQuery, problems, requestBody } from "../schemas.js";

const actor = z.object({ key: z.string(), role: z.string(), name: z.string().nullable() });

const proposalSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    kind: z.string(),
    base_version: z.number().int(),
    status: z.enum(PROPOSAL_STATUSES),
    proposed_by: actor,
    created_at: z.string(),
    approvals: z.array(actor.extend({ at: z.string() })),
    adopted_version: z.number().int().nullable(),
    closed: actor.extend({ at: z.string(), status: z.string(), reason: z.string().nullable() }).nullable(),
    report: z.looseObject({ adoptable: z.boolean(), blocking: z.array(z.string()) }).meta({
      description:
        "changes (norms and lexicons added, removed, changed), diff (unified diff of each changed file), examples (every norm's examples under the proposal; failures say which and why), replay (recent rulings whose decision would change, from what to what), adoptable and blocking.",
    }),
    shadow: z.looseObject({ active: z.boolean(), evaluated: z.number(), differing: z.number() }).nullable(),
  })
  .meta({ id: "Proposal" });

const proposalParams = communityIdParams;
const ok = (description: string) => ({
  200: json(proposalSchema, description),
  ...problems(401, 403, 429, 400, 404, 409),
});

const EXAMPLE = {
  title: "Harassment: escalate instead of hide",
  change: { kind: "remove_norm", id: "spam-scams" },
};

export const submitProposalRoute = createRoute({
  method: "post",
  path: "/v1/communities/{community}/proposals",
  operationId: "createProposal",
  ...access("editor"),
  tags: ["proposals"],
  summary: "Propose a change to the norms: validated, tested against every example, replayed against recent rulings",
  request: {
    params: communityParams,
    body: requestBody(proposalInputSchema, EXAMPLE),
  },
  responses: {
    201: json(proposalSchema, "The proposal with its report"),
    ...problems(401, 403, 429, 400, 404, 413, 415, 422),
  },
});

export const listProposalsRoute = createRoute({
  method: "get",
  path: "/v1/communities/{community}/proposals",
  operationId: "listProposals",
  ...access("editor", "moderator"),
  tags: ["proposals"],
  summary: "Proposals, newest first",
  request: {
    params: communityParams,
    query: pageQuery(20, 100).extend({
      status: z.enum(PROPOSAL_STATUSES).optional(),
    }),
  },
  responses: {
    200: json(
      z
        .object({ data: z.array(z.record(z.string(), z.unknown())), next_cursor: z.string().nullable() })
        .meta({ id: "ProposalPage" }),
      "A page",
    ),
    ...problems(401, 403, 429, 400, 404),
  },
});

export const getProposalRoute = createRoute({
  method: "get",
  path: "/v1/communities/{community}/proposals/{id}",
  operationId: "getProposal",
  ...access("editor", "moderator"),
  tags: ["proposals"],
  summary: "A proposal: its report, approvals, status and shadow results",
  request: { params: proposalParams },
  responses: { 200: json(proposalSchema, "The proposal"), ...problems(401, 403, 429, 400, 404) },
});

const action = (
  path: string,
  operationId: string,
  summary: string,
  roles: Parameters<typeof access>,
  body?: { schema: z.ZodType; example: unknown },
) =>
  createRoute({
    method: "post",
    path: `/v1/communities/{community}/proposals/{id}/${path}`,
    operationId,
    ...access(...roles),
    tags: ["proposals"],
    summary,
    request: {
      params: proposalParams,
      // The example sits on the media type (as requestBody() puts it): the probing suites send it.
      ...(body ? { body: { required: false, content: { "application/json": body } } } : {}),
    },
    responses: ok("The proposal after the decision"),
  });

const reasonBody = {
  schema: z.strictObject({ reason: z.string().max(2000).optional() }).meta({ id: "ProposalReason" }),
  example: { reason: "too broad" },
};
const shadowSchema = z
  .strictObject({
    requests: z.number().int().min(1).max(1_000_000).default(1000),
    minutes: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 90)
      .default(60 * 24),
  })
  .meta({ id: "ShadowRunRequest" });
const shadowBody = { schema: shadowSchema, example: { requests: 500, minutes: 60 } };

export const approveRoute = action(
  "approve",
  "approveProposal",
  "Approve (an editor other than the proposer); adopts under the second_editor rule",
  ["editor"],
);
export const adoptRoute = action("adopt", "adoptProposal", "Adopt: the next immutable norm-set version (admin)", []);
export const rejectRoute = action("reject", "rejectProposal", "Reject, with a reason (admin)", [], reasonBody);
export const withdrawRoute = action(
  "withdraw",
  "withdrawProposal",
  "Withdraw (the proposer, or an admin)",
  ["editor"],
  reasonBody,
);
export const shadowRoute = action(
  "shadow",
  "startShadowRun",
  "Run in shadow on live traffic for a number of requests or minutes",
  ["editor"],
  shadowBody,
);

export const stopShadowRoute = createRoute({
  method: "delete",
  path: "/v1/communities/{community}/proposals/{id}/shadow",
  operationId: "stopShadowRun",
  ...access("editor"),
  tags: ["proposals"],
  summary: "Stop a shadow run",
  request: { params: proposalParams },
  responses: ok("The proposal"),
});

export const registerProposals = (app: OpenAPIHono<AppEnv>) => {
  app.openapi(submitProposalRoute, async (c) =>
    c.json(
      await submitProposal(c.get("services"), c.req.valid("param").community, c.req.valid("json"), c.get("principal")),
      201,
    ),
  );
  app.openapi(listProposalsRoute, async (c) => {
    const q = c.req.valid("query");
    const page = await listProposals(c.get("services"), c.req.valid("param").community, {
      limit: q.limit,
      ...(q.status ? { status: q.status } : {}),
      ...(q.cursor ? { cursor: q.cursor } : {}),
    });
    return c.json(page, 200);
  });
  app.openapi(getProposalRoute, async (c) => {
    const { community, id } = c.req.valid("param");
    return c.json(await getProposal(c.get("services"), community, id), 200);
  });
  app.openapi(approveRoute, async (c) => {
    const { community, id } = c.req.valid("param");
    return c.json(await approveProposal(c.get("services"), community, id, c.get("principal")), 200);
  });
  app.openapi(adoptRoute, async (c) => {
    const { community, id } = c.req.valid("param");
    return c.json(await adoptProposal(c.get("services"), community, id, c.get("principal")), 200);
  });
  for (const [route, how] of [
    [rejectRoute, "rejected"],
    [withdrawRoute, "withdrawn"],
  ] as const) {
    app.openapi(route, async (c) => {
      const { community, id } = c.req.valid("param");
      const body = (c.req.valid("json" as never) ?? {}) as { reason?: string };
      return c.json(await closeProposal(c.get("services"), community, id, how, body.reason, c.get("principal")), 200);
    });
  }
  app.openapi(shadowRoute, async (c) => {
    const { community, id } = c.req.valid("param");
    const body = shadowSchema.parse(c.req.valid("json" as never) ?? {});
    return c.json(await startShadow(c.get("services"), community, id, body, c.get("principal")), 200);
  });
  app.openapi(stopShadowRoute, async (c) => {
    const { community, id } = c.req.valid("param");
    return c.json(await stopShadow(c.get("services"), community, id, c.get("principal")), 200);
  });
};
