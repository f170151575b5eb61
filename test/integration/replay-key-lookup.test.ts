import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rulingIdsByReplayKeys } from "../../src/db/replay-key-lookup.js";
import { backends } from "../support/backends.js";
import { startService, type TestService } from "../support/service.js";
import { newTenant } from "../support/tenants.js";

/**
 * The writer finds earlier rulings by their replay keys with one prepared statement whatever the batch
 * (db/replay-key-lookup.ts). A key matches in its own community only, by Idempotency-Key or by content id.
 */
describe.each(backends())("replay keys looked up on $name", (backend) => {
  let svc: TestService;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    svc = await startService(backend);
    await newTenant(svc, "other");
    const moderate = async (name: string, community: string, body: unknown, key?: string) => {
      const res = await svc.post(`/v1/communities/${community}/moderate`, body, key ? { "idempotency-key": key } : {});
      expect(res.status).toBe(201);
      ids[name] = ((await res.json()) as { id: string }).id;
    };
    await moderate("keyed", "default", { content: { id: "p1", text: "first words" } }, "k1");
    await moderate("other", "other", { content: { id: "p1", text: "first words" } });
    await moderate("unkeyed", "default", { content: { text: "no id at all" } });
  });
  afterAll(() => svc?.close());

  const lookup = (keys: Array<{ community: string; key: string | null; content: string | null }>) =>
    rulingIdsByReplayKeys(svc.service.services.db, keys, backend.name === "postgres").then((found) => found.sort());

  it("finds a ruling by its Idempotency-Key or its content id, in its community only", async () => {
    expect(await lookup([{ community: "default", key: "k1", content: null }])).toEqual([ids.keyed]);
    expect(await lookup([{ community: "default", key: null, content: "p1" }])).toEqual([ids.keyed]);
    expect(await lookup([{ community: "other", key: null, content: "p1" }])).toEqual([ids.other]);
    expect(await lookup([{ community: "other", key: "k1", content: null }])).toEqual([]);
  });

  it("answers a batch of keys at once, each ruling once, whatever the batch's size", async () => {
    const both = [ids.keyed, ids.other].sort();
    for (let size = 1; size <= 7; size++) {
      const filler = Array.from({ length: size }, (_, i) => ({
        community: "default",
        key: `none-${i}`,
        content: null,
      }));
      expect(
        await lookup([
          ...filler,
          { community: "default", key: "k1", content: "p1" },
          { community: "other", key: null, content: "p1" },
        ]),
      ).toEqual(both);
    }
    expect(await lookup([{ community: "default", key: null, content: null }])).toEqual([]);
  });
});
