import { readFileSync } from "node:fs";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { resultRows } from "../../src/db/json-rows.js";
import { reviewQueue, rulings } from "../../src/db/schema/index.js";
import type { Ruling } from "../../src/domain/index.js";
import { reviewQueueStats } from "../../src/reviews/queue-stats.js";
import { repoPath } from "../helpers/packs.js";
import { backends } from "../support/backends.js";
import { startService, type TestService } from "../support/service.js";

/**
 * The table of rulings waiting for review (migrations/0013) is kept by triggers, and the queue, its listing and
 * its gauges read it. The queue's definition is the rulings' own: decision `review`, no `decided` event, no
 * superseding ruling. Whatever moderators and platforms do, the table must hold exactly the rulings that
 * definition finds.
 */
const awaitingReview = () => [
  eq(rulings.decision, "review"),
  sql`not exists (select 1 from review_events e where e.ruling_id = ${rulings.id} and e.type = 'decided')`,
  sql`not exists (select 1 from rulings s where s.supersedes = ${rulings.id})`,
];
const cases = parse(readFileSync(repoPath("test/fixtures/judgment-cases.yaml"), "utf8")) as Record<
  string,
  { content: { text: string } }
>;
const C = "/v1/communities/default";

describe.each(backends())("the review queue's table on $name", (backend) => {
  let svc: TestService;
  let n = 0;
  const db = () => svc.service.services.db;
  beforeAll(async () => {
    svc = await startService(backend);
  });
  afterAll(() => svc?.close());

  /** A reclaimed-term case the rules send to review, with text of its own and, if given, a content id. */
  const queued = async (contentId?: string) => {
    const body = structuredClone(cases.reclaimed) as { content: { text: string; id?: string } };
    body.content.text += ` #${n++}`;
    if (contentId) body.content.id = contentId;
    return (await (await svc.post(`${C}/moderate`, body)).json()) as Ruling;
  };
  const inTable = async () =>
    (await db().select({ id: reviewQueue.rulingId }).from(reviewQueue).where(eq(reviewQueue.communityId, "default")))
      .map((r) => r.id)
      .sort();
  const byDefinition = async () =>
    (
      await db()
        .select({ id: rulings.id })
        .from(rulings)
        .where(and(eq(rulings.communityId, "default"), ...awaitingReview()))
    )
      .map((r) => r.id)
      .sort();

  it("holds exactly the rulings waiting, through decisions and edits, and the gauges count it", async () => {
    const decided = await queued();
    const edited = await queued(`post-${n}`);
    const waiting = await queued();
    expect([decided.decision, edited.decision, waiting.decision]).toEqual(["review", "review", "review"]);
    expect(await inTable()).toEqual(expect.arrayContaining([decided.id, edited.id, waiting.id]));

    expect((await svc.post(`${C}/reviews/${decided.id}/claim`, { moderator: "mod-queue" })).status).toBe(200);
    const res = await svc.post(`${C}/reviews/${decided.id}/decision`, {
      decision: "allow",
      rationale: "The author reclaims a word used against his own community.",
      exception: "in-group-reclamation",
      moderator: "mod-queue",
    });
    expect(res.status).toBe(200);
    // An edit: the same content id with new text supersedes the ruling before it.
    const edit = (await (
      await svc.post(`${C}/moderate`, {
        content: { id: edited.content.id, text: "an ordinary sentence about gardens" },
      })
    ).json()) as Ruling;
    expect(edit.supersedes).toBe(edited.id);

    const table = await inTable();
    expect(table).toContain(waiting.id);
    expect(table).not.toContain(decided.id);
    expect(table).not.toContain(edited.id);
    expect(table).toEqual(await byDefinition());
    const stats = await reviewQueueStats(db(), new Date());
    expect(stats.find((s) => s.community === "default")?.depth).toBe(table.length);
    // The moderators' listing reads the table: the rulings waiting, oldest first, a page at a time.
    const listed: string[] = [];
    for (let cursor: string | null = null, pages = 0; pages === 0 || cursor; pages++) {
      const page = (await (await svc.get(`${C}/reviews?limit=2${cursor ? `&cursor=${cursor}` : ""}`)).json()) as {
        data: Array<{ ruling: Ruling }>;
        next_cursor: string | null;
      };
      listed.push(...page.data.map((item) => item.ruling.id));
      cursor = page.next_cursor;
    }
    expect(listed).toEqual(table);
    // A decided ruling is not claimed again.
    const again = await svc.post(`${C}/reviews/${decided.id}/claim`, { moderator: "mod-late" });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { code?: string; type?: string }).type).toMatch(/review-already-decided$/);
  });

  it("the migration's backfill finds the same rulings the triggers keep", async () => {
    await queued();
    const before = await inTable();
    expect(before.length).toBeGreaterThan(0);
    const migration = readFileSync(repoPath("migrations/0013_review_queue.sql"), "utf8");
    const backfill = migration
      .split("--> statement-breakpoint")
      .find((s) => s.includes("INSERT INTO review_queue") && s.includes("FROM rulings r"));
    expect(backfill).toBeDefined();
    await db().execute(sql`delete from review_queue`);
    await db().execute(sql.raw(backfill as string));
    expect(await inTable()).toEqual(before);
    const all = resultRows<{ n: number }>(await db().execute(sql`select count(*)::int as n from review_queue`));
    expect(all[0]?.n).toBe(before.length);
  });
});
