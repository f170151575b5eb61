import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqlState } from "../../src/db/data-error.js";
import { resultRows } from "../../src/db/json-rows.js";
import { ensureRulingMonths } from "../../src/db/ruling-partitions.js";
import { newId } from "../../src/lib/ids.js";
import { backends } from "../support/backends.js";
import { startService, type TestService } from "../support/service.js";

const C = "/v1/communities/default";

/**
 * What the database guarantees about recorded rulings since migrations/0011 made their insert cheaper: outcomes
 * cite rulings that exist (a statement trigger, not a foreign key), replay keys are kept for exactly the rulings
 * that carry one (a row trigger), and every month's partition keeps ordinary rulings uncompressed.
 */
describe.each(backends())("what a recorded ruling is held to on $name", (backend) => {
  let svc: TestService;
  let ruling: string;
  const db = () => svc.service.services.db;
  const rows = async <R>(q: ReturnType<typeof sql>) => resultRows<R>(await db().execute(q));
  const outcome = (rulingId: string) => sql`(${rulingId}, 'default', 'harassment', 1, 'No harassment',
    'violated', null, null, null, 'hide', 'medium', 0, null)`;
  const outcomesOf = async (id: string) =>
    (await rows<{ n: number }>(sql`select count(*)::int as n from ruling_norms where ruling_id = ${id}`))[0]?.n;

  beforeAll(async () => {
    svc = await startService(backend);
    const res = await svc.post(`${C}/moderate`, { content: { text: "you are a pathetic moron" } });
    ruling = ((await res.json()) as { id: string }).id;
  });
  afterAll(() => svc?.close());

  it("refuses an outcome citing a ruling that does not exist, with the foreign-key SQLSTATE, writing nothing", async () => {
    const missing = newId("rul", Date.now());
    const before = await outcomesOf(ruling);
    const error = await db()
      .execute(
        sql`insert into ruling_norms (ruling_id, community_id, norm_id, norm_version, title, outcome, exception,
          candidates, cause, action, severity, position, judgment)
        values ${outcome(missing)}, (${ruling}, 'default', 'another-norm', 1, 'Another', 'violated', null, null,
          null, 'hide', 'medium', 1, null)`,
      )
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(sqlState(error)).toBe("23503");
    expect(await outcomesOf(missing)).toBe(0);
    expect(await outcomesOf(ruling), "the valid row of the refused statement is not written either").toBe(before);
  });

  it("accepts outcomes whose ruling is inserted by the same statement", async () => {
    const id = newId("rul", Date.now());
    await db().execute(sql`with r as (
        insert into rulings select ${id}, community_id, norm_set_version, decision, null, content_kind, content_hash,
          content_text, request_hash, null, author, context, facts, evidence, trace, origin, null, now(),
          appeal_until, status, language, labels
        from rulings where id = ${ruling} returning id)
      insert into ruling_norms (ruling_id, community_id, norm_id, norm_version, title, outcome, exception,
        candidates, cause, action, severity, position, judgment)
      values ${outcome(id)}`);
    expect(await outcomesOf(id)).toBe(1);
  });

  it("keeps a replay key for a ruling with an Idempotency-Key or a content id, and none for one without", async () => {
    const keyed = await svc.post(`${C}/moderate`, { content: { text: "hello there" } }, { "idempotency-key": "k-1" });
    const byContent = await svc.post(`${C}/moderate`, { content: { id: "post-7", text: "good morning" } });
    const plain = await svc.post(`${C}/moderate`, { content: { text: "good evening" } });
    const [a, b, c] = await Promise.all([keyed, byContent, plain].map(async (r) => (await r.json()) as { id: string }));
    const keys = await rows<{ ruling_id: string; idempotency_key: string | null; content_id: string | null }>(
      sql`select ruling_id, idempotency_key, content_id from ruling_replay_keys
        where ruling_id in (${a?.id}, ${b?.id}, ${c?.id}) order by ruling_id`,
    );
    expect(keys).toEqual([
      { ruling_id: a?.id, idempotency_key: "k-1", content_id: null },
      { ruling_id: b?.id, idempotency_key: null, content_id: "post-7" },
    ]);
    const again = await svc.post(`${C}/moderate`, { content: { text: "hello there" } }, { "idempotency-key": "k-1" });
    expect(((await again.json()) as { id: string }).id, "the key replays the first ruling").toBe(a?.id);
  });

  it("gives every month made ahead the setting that keeps ordinary rulings uncompressed", async () => {
    await ensureRulingMonths(db(), new Date("2031-05-10T00:00:00Z"), 0);
    const [month] = await rows<{ options: string[] | null }>(
      sql`select reloptions as options from pg_class where relname = 'rulings_p203105'`,
    );
    expect(month?.options).toContain("toast_tuple_target=8160");
  });
});
