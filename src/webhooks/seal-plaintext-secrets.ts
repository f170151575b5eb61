import { and, eq, like, not } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { webhookEndpoints } from "../db/schema/index.js";
import type { SecretBox } from "./secret-box.js";

/**
 * Seals the secrets of endpoints registered before secrets were encrypted
 * (rows holding `whsec_…` in clear), so none stays readable at rest. Run at
 * Node start; idempotent, and safe beside a concurrent run (a row is only
 * rewritten while it still holds the plaintext read). Until it runs (Workers),
 * those rows still deliver: SecretBox.open reads both forms.
 */
export async function sealPlaintextSecrets(db: Database, secrets: SecretBox): Promise<number> {
  const rows = await db
    .select({ id: webhookEndpoints.id, secret: webhookEndpoints.secret })
    .from(webhookEndpoints)
    .where(not(like(webhookEndpoints.secret, "enc:%")));
  for (const row of rows) {
    await db
      .update(webhookEndpoints)
      .set({ secret: await secrets.seal(row.secret, row.id) })
      .where(and(eq(webhookEndpoints.id, row.id), eq(webhookEndpoints.secret, row.secret)));
  }
  return rows.length;
}
