import type { Transaction } from "../db/client.js";
import { communities } from "../db/schema/index.js";
import type { CommunitySettings, NormPack } from "../domain/index.js";
import { writeNormSetVersion } from "../norms/norm-set-store.js";

/**
 * Inserts a community and its first norm-set version in the caller's
 * transaction. False when the id is taken (by a concurrent request too).
 */
export async function insertCommunity(
  tx: Transaction,
  input: { id: string; name: string; settings: CommunitySettings; pack: NormPack; createdBy: string; process: string },
): Promise<boolean> {
  const inserted = await tx
    .insert(communities)
    .values({ id: input.id, name: input.name, settings: input.settings })
    .onConflictDoNothing()
    .returning({ id: communities.id });
  if (inserted.length === 0) return false;
  await writeNormSetVersion(tx, input.id, input.pack, { createdBy: input.createdBy, process: input.process });
  return true;
}
