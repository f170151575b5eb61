import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resultRows } from "../../src/db/json-rows.js";
import { dropExpiredRulingMonths, ensureRulingMonths } from "../../src/db/ruling-partitions.js";
import { newId } from "../../src/lib/ids.js";
import { RulingMonths } from "../../src/rulings/ruling-months.js";
import { backends } from "../support/backends.js";
import { startService, type TestService } from "../support/service.js";

const C = "/v1/communities/default";
const at = (iso: string) => new Date(iso);

describe.each(backends())("monthly partitions of rulings on $name", (backend) => {
  let svc: TestService;
  let recent: { id: string };
  const db = () => svc.service.services.db;
  const rows = async <R>(q: ReturnType<typeof sql>) => resultRows<R>(await db().execute(q));
  const partitionOf = async (id: string) =>
    (await rows<{ p: string }>(sql`select tableoid::regclass::text as p from rulings where id = ${id}`))[0]?.p;

  /**
   * A copy of a real ruling (with its outcomes) as if recorded at `when`, appealable until `appealUntil`, with
   * `decision` instead of the original's if given.
   */
  const recordedAt = async (when: string, appealUntil: string, decision?: string) => {
    const id = newId("rul", Date.parse(when));
    await db().execute(sql`insert into rulings
      select ${id}, community_id, norm_set_version, coalesce(${decision ?? null}::text, decision), ${`old-${id}`}, content_kind, content_hash, content_text,
        request_hash, null, author, context, facts, evidence, trace, origin, null, ${when}::timestamptz,
        ${appealUntil}::timestamptz, status, language, labels
      from rulings where id = ${recent.id}`);
    await db().execute(sql`insert into ruling_norms
      select ${id}, community_id, norm_id, norm_version, title, outcome, exception, candidates, cause, action,
        severity, position, judgment
      from ruling_norms where ruling_id = ${recent.id}`);
    return id;
  };

  beforeAll(async () => {
    svc = await startService(backend);
    const res = await svc.post(`${C}/moderate`, { content: { text: "you are a pathetic moron" } });
    recent = (await res.json()) as { id: string };
  });
  afterAll(() => svc?.close());

  it("a ruling lands in its month's partition, made ahead by the migration", async () => {
    const month = new Date().toISOString().slice(0, 7).replace("-", "");
    expect(await partitionOf(recent.id)).toBe(`rulings_p${month}`);
  });

  it("the upkeep makes the month and the next three ahead of time, once", async () => {
    const services = svc.service.services;
    const upkeep = new RulingMonths({ ...services, clock: () => at("2029-12-15T00:00:00Z") });
    await upkeep.runOnce();
    await upkeep.runOnce();
    const made = await rows<{ p: string }>(sql`select c.relname as p from pg_inherits i
      join pg_class c on c.oid = i.inhrelid where i.inhparent = 'rulings'::regclass and c.relname >= 'rulings_p2029'
      and c.relname < 'rulings_p2031' order by 1`);
    expect(made.map((r) => r.p)).toEqual(["rulings_p202912", "rulings_p203001", "rulings_p203002", "rulings_p203003"]);
  });

  it("a ruling in a month with no partition yet still lands, and stays readable after that month is made", async () => {
    const services = svc.service.services;
    const realClock = services.clock;
    services.clock = () => at("2031-05-14T10:00:00Z");
    const body = { content: { id: "future-post", text: "you are a worthless idiot" } };
    let future: { id: string; decision: string };
    try {
      const res = await svc.post(`${C}/moderate`, body, { "idempotency-key": "future-1" });
      expect(res.status).toBe(201);
      future = (await res.json()) as { id: string; decision: string };
    } finally {
      services.clock = realClock;
    }
    expect(await partitionOf(future.id)).toBe("rulings_default");
    // A retry in another month (now) finds it by its Idempotency-Key: replayed, not recorded twice.
    const retry = await svc.post(`${C}/moderate`, body, { "idempotency-key": "future-1" });
    expect(((await retry.json()) as { id: string }).id).toBe(future.id);
    // Its month is skipped (its rows stay in the default partition); the next one is made.
    expect(await ensureRulingMonths(db(), at("2031-05-01T00:00:00Z"), 1)).toBe(1);
    expect(await partitionOf(future.id)).toBe("rulings_default");
    const read = await svc.get(`${C}/rulings/${future.id}`);
    expect(read.status).toBe(200);
    expect(((await read.json()) as { decision: string }).decision).toBe(future.decision);
    const listed = (await (await svc.get(`${C}/rulings?limit=1`)).json()) as { data: Array<{ id: string }> };
    expect(listed.data[0]?.id).toBe(future.id);
  });

  it("retention drops a past month whole, and keeps the months that are appealable, appealed or recent", async () => {
    await ensureRulingMonths(db(), at("2024-01-01T00:00:00Z"), 3);
    const expired = await recordedAt("2024-01-10T12:00:00Z", "2024-07-10T12:00:00Z");
    const expiredReview = await recordedAt("2024-01-11T12:00:00Z", "2024-07-11T12:00:00Z", "review");
    const inQueue = async (id: string) =>
      (await rows<{ n: number }>(sql`select count(*)::int as n from review_queue where ruling_id = ${id}`))[0]?.n;
    expect(await inQueue(expiredReview)).toBe(1);
    const appealed = await recordedAt("2024-02-10T12:00:00Z", "2024-08-10T12:00:00Z");
    const appealable = await recordedAt("2024-03-10T12:00:00Z", "2099-01-01T00:00:00Z");
    await db().execute(sql`insert into appeals (id, community_id, ruling_id, state, grounds, request_hash, filed_at)
      values (${newId("apl")}, 'default', ${appealed}, 'open', 'it was satire', 'h', now())`);
    expect(await partitionOf(expired)).toBe("rulings_p202401");

    const report = await dropExpiredRulingMonths(db(), new Date(), 12);
    const byMonth = Object.fromEntries(report.map((r) => [r.month, r]));
    expect(byMonth["2024-01"]).toMatchObject({ dropped: true, kept_because: null });
    expect(byMonth["2024-02"]).toMatchObject({ dropped: false });
    expect(byMonth["2024-02"]?.kept_because).toMatch(/appeals/);
    expect(byMonth["2024-03"]).toMatchObject({ dropped: false, kept_because: expect.stringMatching(/appealed/) });
    expect(report.some((r) => r.month >= new Date().toISOString().slice(0, 7))).toBe(false);

    expect((await svc.get(`${C}/rulings/${expired}`)).status).toBe(404);
    for (const kept of [appealed, appealable, recent.id])
      expect((await svc.get(`${C}/rulings/${kept}`)).status).toBe(200);
    const orphans = await rows<{ n: number }>(sql`select
      (select count(*) from ruling_norms where ruling_id = ${expired})::int +
      (select count(*) from ruling_replay_keys where ruling_id = ${expired})::int as n`);
    expect(orphans[0]?.n).toBe(0);
    expect(await inQueue(expiredReview)).toBe(0); // its queue entry went with its month
    const keys = await rows<{ n: number }>(
      sql`select count(*)::int as n from ruling_replay_keys where ruling_id in (${appealed}, ${appealable})`,
    );
    expect(keys[0]?.n).toBe(2);
  });

  it("rows are still append-only: neither a month nor the default partition can be emptied by name", async () => {
    const month = `rulings_p${new Date().toISOString().slice(0, 7).replace("-", "")}`;
    for (const table of [month, "rulings_default", `ruling_norms_p${month.slice(9)}`]) {
      const error = await db()
        .execute(sql.raw(`truncate ${table} cascade`))
        .then(
          () => null,
          (e: Error & { cause?: Error }) => `${e.message} ${e.cause?.message ?? ""}`,
        );
      expect(error).toMatch(/append-only/);
    }
    expect((await svc.get(`${C}/rulings/${recent.id}`)).status).toBe(200);
  });
});
