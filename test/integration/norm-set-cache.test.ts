// The per-process cache of compiled norm sets, on a real (embedded) database: bounded, least recently used out
// first, and one object for the set in force until the community's head is read again.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCommunity } from "../../src/communities/insert-community.js";
import type { DatabaseHandle } from "../../src/db/client.js";
import { openDatabase } from "../../src/db/open-node.js";
import { communities } from "../../src/db/schema/index.js";
import { applySettingsPatch, defaultSettings } from "../../src/domain/index.js";
import { loadPackDir } from "../../src/norms/load-pack.js";
import { NormSetCache, normSetMemory } from "../../src/norms/norm-set-cache.js";

/** What the cache keeps at most (MAX_COMPILED in norm-set-cache.ts), and one community more. */
const KEPT = 64;
const COMMUNITIES = KEPT + 1;
const id = (i: number) => `c${i}`;

describe("the compiled norm-set cache", () => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await openDatabase({ kind: "pglite" });
    const { loaded, errors } = await loadPackDir("norms/default");
    if (!loaded) throw new Error(errors.map((e) => e.message).join("\n"));
    for (let i = 0; i < COMMUNITIES; i++) {
      await handle.db.transaction((tx) =>
        insertCommunity(tx, {
          id: id(i),
          name: `Community ${i}`,
          settings: defaultSettings(),
          pack: loaded.pack,
          createdBy: "test",
          process: "test",
        }),
      );
    }
  }, 60_000);
  afterAll(() => handle?.close());

  it("keeps 64 sets at most, and evicts the least recently used, not the first compiled", async () => {
    const memory = normSetMemory();
    const cache = new NormSetCache(handle.db, 60_000, Date.now, memory);
    const first = new Map<string, unknown>();
    for (let i = 0; i < KEPT; i++) first.set(id(i), await cache.version(id(i), 1));
    expect(memory.compiled.size).toBe(KEPT);
    // c0 is used again, so c1 is now the least recently used; the 65th community pushes it out.
    expect(await cache.version(id(0), 1)).toBe(first.get(id(0)));
    await cache.version(id(KEPT), 1);
    expect(memory.compiled.size).toBe(KEPT);
    expect(await cache.version(id(0), 1)).toBe(first.get(id(0))); // kept: the same compiled object
    expect(await cache.version(id(2), 1)).toBe(first.get(id(2))); // kept
    const again = await cache.version(id(1), 1); // evicted: read and compiled afresh
    expect(again).not.toBe(first.get(id(1)));
    expect(again).toEqual(expect.objectContaining({ community: id(1), version: 1 }));
    expect(memory.compiled.size).toBe(KEPT);
  });

  it("keeps the order of use across caches that share their memory (a Worker builds one per request)", async () => {
    const memory = normSetMemory();
    const one = new NormSetCache(handle.db, 60_000, Date.now, memory);
    const other = new NormSetCache(handle.db, 60_000, Date.now, memory);
    for (let i = 0; i < KEPT; i++) await one.version(id(i), 1);
    const c0 = await one.version(id(0), 1);
    // The other cache uses every other set since, so c0 is the least recently used…
    for (let i = 1; i < KEPT; i++) await other.version(id(i), 1);
    // …until the first cache uses it again: it must move to the back, though it was the last this cache handed out.
    expect(await one.version(id(0), 1)).toBe(c0);
    await other.version(id(KEPT), 1);
    expect(memory.compiled.size).toBe(KEPT);
    expect(await other.version(id(0), 1)).toBe(c0);
  });

  it("hands out one object for the set in force until the head is read again, then the new settings", async () => {
    const cache = new NormSetCache(handle.db, 60_000);
    const before = await cache.current(id(3));
    expect(await cache.current(id(3))).toBe(before);
    expect(before.settings.judgment.interim).toBe("review");

    const settings = applySettingsPatch(defaultSettings(), { judgment: { interim: "rules" } });
    await handle.db
      .update(communities)
      .set({ settings })
      .where(eq(communities.id, id(3)));
    expect(await cache.current(id(3))).toBe(before); // within refreshMs: the head is not read again
    cache.invalidate(id(3));
    const after = await cache.current(id(3));
    expect(after).not.toBe(before);
    expect(after.settings.judgment.interim).toBe("rules");
    expect(after.compiled).toBe(before.compiled); // the same version: compiled once
    expect(await cache.current(id(3))).toBe(after);
  });
});
