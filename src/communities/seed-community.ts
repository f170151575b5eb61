import { eq } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { communities } from "../db/schema/index.js";
import { defaultSettings, type NormPack } from "../domain/index.js";
import type { Logger } from "../lib/logger.js";
import { insertCommunity } from "./insert-community.js";

/**
 * Creates a community with a pack as its first norm-set version, unless the
 * community exists already: a restart never overwrites norms that may have
 * been changed since through proposals. The pack is read only when it is
 * needed: parsing and validating its YAML costs most of a restart otherwise.
 */
export async function ensureCommunity(
  db: Database,
  input: { id: string; name: string; pack: () => Promise<NormPack>; label: string; logger: Logger },
): Promise<"created" | "exists"> {
  const [existing] = await db.select({ id: communities.id }).from(communities).where(eq(communities.id, input.id));
  if (existing) return "exists";
  const pack = await input.pack();
  // False when another process created it first.
  const created = await db.transaction((tx) =>
    insertCommunity(tx, {
      id: input.id,
      name: input.name,
      settings: defaultSettings(),
      pack,
      createdBy: "mores",
      process: `seeded from ${input.label} on first start`,
    }),
  );
  if (created)
    input.logger.info("community created", { community: input.id, pack: input.label, norms: pack.norms.length });
  return created ? "created" : "exists";
}
