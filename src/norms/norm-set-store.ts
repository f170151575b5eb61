import { and, desc, eq, max } from "drizzle-orm";
import type { Database, Transaction } from "../db/client.js";
import { communities, normSetItems, normSets, packItems } from "../db/schema/index.js";
import {
  type CommunitySettings,
  communitySettingsSchema,
  type IdentityGroup,
  type Lexicon,
  type Norm,
  type NormPack,
  type PackManifest,
  type Pattern,
} from "../domain/index.js";
import { canonicalJson, sha256 } from "../lib/hash.js";

/** A norm-set version as stored: the pack, and the exact version of each norm in it. */
export type StoredNormSet = {
  community: string;
  version: number;
  pack: NormPack;
  normVersions: ReadonlyMap<string, number>;
};

type Kind = "norm" | "lexicon";

/** The version an item gets in a new norm set: the latest one if its content is unchanged, else the next. */
async function itemVersion(tx: Transaction, community: string, kind: Kind, id: string, body: unknown): Promise<number> {
  const hash = sha256(canonicalJson(body));
  const [latest] = await tx
    .select({ version: packItems.version, hash: packItems.hash })
    .from(packItems)
    .where(and(eq(packItems.communityId, community), eq(packItems.kind, kind), eq(packItems.itemId, id)))
    .orderBy(desc(packItems.version))
    .limit(1);
  if (latest?.hash === hash) return latest.version;
  const version = (latest?.version ?? 0) + 1;
  await tx.insert(packItems).values({ communityId: community, kind, itemId: id, version, body, hash });
  return version;
}

/**
 * Writes the next norm-set version of a community from a validated pack. Items
 * whose content did not change keep their version, so a ruling's citation
 * `slurs@3` means the same text for ever. Runs inside the caller's transaction.
 */
export async function writeNormSetVersion(
  tx: Transaction,
  community: string,
  pack: NormPack,
  meta: { createdBy: string; process: string },
): Promise<number> {
  const [row] = await tx
    .select({ version: max(normSets.version) })
    .from(normSets)
    .where(eq(normSets.communityId, community));
  const version = (row?.version ?? 0) + 1;
  await tx.insert(normSets).values({
    communityId: community,
    version,
    manifest: pack.manifest,
    groups: pack.groups,
    patterns: pack.patterns,
    createdBy: meta.createdBy,
    process: meta.process,
  });
  const items: Array<{ kind: Kind; id: string; body: unknown }> = [
    ...pack.norms.map((n) => ({ kind: "norm" as const, id: n.id, body: n })),
    ...pack.lexicons.map((l) => ({ kind: "lexicon" as const, id: l.name, body: l })),
  ];
  for (const [position, item] of items.entries()) {
    const itemVer = await itemVersion(tx, community, item.kind, item.id, item.body);
    await tx.insert(normSetItems).values({
      communityId: community,
      setVersion: version,
      kind: item.kind,
      itemId: item.id,
      itemVersion: itemVer,
      position,
    });
  }
  return version;
}

export async function readNormSet(db: Database, community: string, version: number): Promise<StoredNormSet | null> {
  const [set] = await db
    .select()
    .from(normSets)
    .where(and(eq(normSets.communityId, community), eq(normSets.version, version)));
  if (!set) return null;
  const rows = await db
    .select({
      kind: normSetItems.kind,
      id: normSetItems.itemId,
      version: normSetItems.itemVersion,
      body: packItems.body,
    })
    .from(normSetItems)
    .innerJoin(
      packItems,
      and(
        eq(packItems.communityId, normSetItems.communityId),
        eq(packItems.kind, normSetItems.kind),
        eq(packItems.itemId, normSetItems.itemId),
        eq(packItems.version, normSetItems.itemVersion),
      ),
    )
    .where(and(eq(normSetItems.communityId, community), eq(normSetItems.setVersion, version)))
    .orderBy(normSetItems.position);
  return {
    community,
    version,
    pack: {
      manifest: set.manifest as PackManifest,
      groups: set.groups as IdentityGroup[],
      patterns: set.patterns as Pattern[],
      norms: rows.filter((r) => r.kind === "norm").map((r) => r.body as Norm),
      lexicons: rows.filter((r) => r.kind === "lexicon").map((r) => r.body as Lexicon),
    },
    normVersions: new Map(rows.filter((r) => r.kind === "norm").map((r) => [r.id, r.version])),
  };
}

/** The community's settings and its current (highest) norm-set version; null when there is no such community. */
export async function communityHead(
  db: Database,
  community: string,
): Promise<{ settings: CommunitySettings; version: number } | null> {
  const [row] = await db
    .select({ settings: communities.settings, version: max(normSets.version) })
    .from(communities)
    .leftJoin(normSets, eq(normSets.communityId, communities.id))
    .where(eq(communities.id, community))
    .groupBy(communities.id, communities.settings);
  if (!row || row.version === null) return null;
  return { settings: communitySettingsSchema.parse(row.settings ?? {}), version: row.version };
}

/** Every version of one norm, oldest first. */
export async function normHistory(db: Database, community: string, normId: string) {
  return db
    .select({ version: packItems.version, body: packItems.body, createdAt: packItems.createdAt })
    .from(packItems)
    .where(and(eq(packItems.communityId, community), eq(packItems.kind, "norm"), eq(packItems.itemId, normId)))
    .orderBy(packItems.version);
}
