import { and, asc, count, eq, inArray, isNull } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.js";
import type { Services } from "../context.js";
import { webhookDeliveries, webhookEndpoints } from "../db/schema/index.js";
import { MoresError, type Principal } from "../domain/index.js";
import { newId } from "../lib/ids.js";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "./outbox.js";
import { newSecret } from "./sign.js";
import type { TargetPolicy } from "./target-policy.js";

type Ctx = Pick<Services, "db" | "clock" | "normSets">;
type EndpointRow = typeof webhookEndpoints.$inferSelect;
const STATUSES = webhookDeliveries.status.enumValues;

const endpointView = (row: EndpointRow) => ({
  id: row.id,
  url: row.url,
  events: row.events as WebhookEventType[], // validated against the catalogue when registered
  created_at: row.createdAt.toISOString(),
  disabled_at: row.disabledAt?.toISOString() ?? null,
});

/**
 * The URL's shape (http or https, no credentials), then the target policy:
 * 422 webhook_target_refused, naming the reason, for an internal address in
 * any spelling. The host is checked before the credentials, so
 * `http://platform.example@127.0.0.1/` is refused for what it reaches.
 */
async function checkUrl(policy: TargetPolicy, url: string): Promise<void> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new MoresError("invalid_webhook_url", `"${url}" is not a URL`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    throw new MoresError("invalid_webhook_url", `"${url}" must use http or https, not ${parsed.protocol}`);
  const refused = await policy.refusalAtRegistration(parsed);
  if (refused)
    throw new MoresError("webhook_target_refused", `"${url}": ${refused.detail}`, { reason: refused.reason });
  if (parsed.username || parsed.password)
    throw new MoresError("invalid_webhook_url", `"${url}" must not carry a user name or password`);
}

/**
 * Registers an endpoint. The answer is the only place its signing secret is
 * ever shown; the row holds it sealed (secret-box.ts).
 */
export async function createEndpoint(
  ctx: Ctx & Pick<Services, "webhooks">,
  community: string,
  input: { url: string; events: WebhookEventType[] },
  actor: Principal,
) {
  await checkUrl(ctx.webhooks.policy, input.url);
  const now = ctx.clock();
  const id = newId("whk", now.getTime());
  const secret = newSecret();
  const sealed = await ctx.webhooks.secrets.seal(secret, id);
  // Deduplicated, in the catalogue's order, so the stored list reads the same however it was sent.
  const events = WEBHOOK_EVENT_TYPES.filter((t) => input.events.includes(t));
  const row = await ctx.db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(webhookEndpoints)
      .values({
        id,
        communityId: community,
        url: input.url,
        events,
        secret: sealed,
        createdAt: now,
      })
      .returning();
    await recordAudit(tx, {
      community,
      action: "webhook.created",
      actor,
      target: id,
      detail: { url: input.url, events },
      at: now,
    });
    return inserted;
  });
  const { url, created_at } = endpointView(row as EndpointRow);
  return { id, url, events, created_at, secret };
}

/** The community's endpoints, oldest first, without secrets, each with its deliveries counted by status. */
export async function listEndpoints(ctx: Ctx, community: string) {
  const rows = await ctx.db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.communityId, community))
    .orderBy(asc(webhookEndpoints.id));
  // By endpoint id, which the deliveries' (endpoint_id, event_id) index serves.
  const counts =
    rows.length === 0
      ? []
      : await ctx.db
          .select({ endpoint: webhookDeliveries.endpointId, status: webhookDeliveries.status, n: count() })
          .from(webhookDeliveries)
          .where(
            inArray(
              webhookDeliveries.endpointId,
              rows.map((r) => r.id),
            ),
          )
          .groupBy(webhookDeliveries.endpointId, webhookDeliveries.status);
  return {
    data: rows.map((row) => {
      const deliveries = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<(typeof STATUSES)[number], number>;
      for (const c of counts) if (c.endpoint === row.id) deliveries[c.status] = Number(c.n);
      return { ...endpointView(row), deliveries };
    }),
  };
}

/** The endpoint, or webhook_not_found (the same answer for another community's id: ids are not an oracle). */
export async function findEndpoint(ctx: Ctx, community: string, id: string): Promise<EndpointRow> {
  const [row] = await ctx.db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.communityId, community), eq(webhookEndpoints.id, id)));
  if (!row) throw new MoresError("webhook_not_found", `no webhook endpoint "${id}" in community "${community}"`);
  return row;
}

/**
 * Disables an endpoint: no new deliveries are made for it, and its pending ones
 * end `failed` ("endpoint disabled") in the same transaction, so its status
 * shows nothing waiting. Disabling twice is harmless.
 */
export async function disableEndpoint(ctx: Ctx, community: string, id: string, actor: Principal): Promise<void> {
  await findEndpoint(ctx, community, id);
  const now = ctx.clock();
  await ctx.db.transaction(async (tx) => {
    await recordAudit(tx, { community, action: "webhook.disabled", actor, target: id, at: now });
    await tx
      .update(webhookEndpoints)
      .set({ disabledAt: now })
      .where(and(eq(webhookEndpoints.id, id), isNull(webhookEndpoints.disabledAt)));
    await tx
      .update(webhookDeliveries)
      .set({ status: "failed", lastError: "endpoint disabled" })
      .where(and(eq(webhookDeliveries.endpointId, id), eq(webhookDeliveries.status, "pending")));
  });
}
