import type { Sql } from "postgres";
import { REVOCATION_CHANNEL } from "../access/revocation-notice.js";
import type { Services } from "../context.js";
import type { DatabaseHandle } from "../db/client.js";

/**
 * Every Node process on PostgreSQL listens for revoked keys (announced by
 * the revoking transaction, whichever process or CLI made it) and forgets
 * them at once, so a revocation holds on every worker within milliseconds
 * rather than after the key cache expires. postgres.js keeps the listening
 * connection and re-listens after a reconnect. PGlite is one process: the
 * revoking code already forgot the key. Returns how to stop listening.
 */
export async function listenForRevocations(
  database: DatabaseHandle,
  services: Pick<Services, "auth" | "limiter" | "logger">,
): Promise<() => Promise<void>> {
  if (database.kind !== "postgres") return async () => {};
  const client = (database.db as unknown as { $client: Sql }).$client;
  const { unlisten } = await client.listen(REVOCATION_CHANNEL, (keyId) => {
    services.auth.invalidate(keyId);
    services.limiter.forget(keyId);
    services.logger.debug("key revoked elsewhere; forgotten here", { key: keyId });
  });
  return unlisten;
}
