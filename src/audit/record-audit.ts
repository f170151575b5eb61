import type { Transaction } from "../db/client.js";
import { auditEvents } from "../db/schema/index.js";
import { type Principal, roleOf } from "../domain/index.js";
import { newId } from "../lib/ids.js";

export type AuditAction =
  | "community.created"
  | "community.updated"
  | "key.created"
  | "key.revoked"
  | "proposal.submitted"
  | "proposal.approved"
  | "proposal.adopted"
  | "proposal.rejected"
  | "proposal.withdrawn"
  | "proposal.shadow_started"
  | "proposal.shadow_stopped"
  | "webhook.created"
  | "webhook.disabled";

/**
 * Appends one audit event inside the caller's transaction, so a change and
 * the record of who made it commit together or not at all.
 */
export async function recordAudit(
  tx: Transaction,
  event: {
    community: string;
    action: AuditAction;
    actor: Principal;
    target?: string;
    detail?: Record<string, unknown>;
    at: Date;
  },
): Promise<string> {
  const id = newId("aud", event.at.getTime());
  await tx.insert(auditEvents).values({
    id,
    communityId: event.community,
    action: event.action,
    actorKey: event.actor.keyId,
    actorRole: roleOf(event.actor),
    actorName: event.actor.name,
    target: event.target ?? null,
    detail: event.detail ?? {},
    createdAt: event.at,
  });
  return id;
}
