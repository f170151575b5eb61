import { eq } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { communities } from "../db/schema/index.js";
import { defaultSettings } from "../domain/index.js";
import type { Logger } from "../lib/logger.js";
import { compilePack } from "./load-pack.js";
import { writeNormSetVersion } from "./norm-set-store.js";
import { formatPackError } from "./pack-error.js";
import type { PackFiles } from "./parse-pack.js";

/**
 * Creates a community with a pack as its first norm-set version, unless the
 * community exists already: a restart never overwrites norms that may have
 * been changed since through proposals.
 */
export async function ensureCommunity(
  db: Database,
  input: { id: string; name: string; files: PackFiles; label: string; logger: Logger },
): Promise<"created" | "exists"> {
  const [existing] = await db.select({ id: communities.id }).from(communities).where(eq(communities.id, input.id));
  if (existing) return "exists";
  const { loaded, errors } = await compilePack(input.files, input.label);
  if (!loaded) throw new Error(`the norm pack ${input.label} is invalid:\n${errors.map(formatPackError).join("\n")}`);
  const created = await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(communities)
      .values({ id: input.id, name: input.name, settings: defaultSettings() })
      .onConflictDoNothing()
      .returning({ id: communities.id });
    if (inserted.length === 0) return false; // another process created it first
    await writeNormSetVersion(tx, input.id, loaded.pack, {
      createdBy: "mores",
      process: `seeded from ${input.label} on first start`,
    });
    return true;
  });
  if (created)
    input.logger.info("community created", { community: input.id, pack: input.label, norms: loaded.pack.norms.length });
  return created ? "created" : "exists";
}
