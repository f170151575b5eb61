import { type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rulings } from "../../src/db/schema/index.js";
import { insertNewRulings } from "../../src/rulings/insert-new-rulings.js";
import { backends } from "../support/backends.js";
import { startService, type TestService } from "../support/service.js";

type Ruling = { id: string; decision: string; supersedes?: string | null; links: { self: string } };
const MODERATE = "/v1/communities/default/moderate";

/**
 * The statements the database client is sent, as text: the real client (postgres.js or PGlite), each call
 * counted on its way through. postgres.js runs drizzle's queries and the prepared ones through `unsafe`; PGlite
 * through `query`.
 */
function recordStatements(svc: TestService): string[] {
  const sent: string[] = [];
  const client = (svc.service.services.db as unknown as { $client: Record<string, unknown> }).$client;
  const method = typeof client.unsafe === "function" ? "unsafe" : "query";
  const original = client[method] as (text: string, ...rest: unknown[]) => unknown;
  client[method] = function (this: unknown, text: string, ...rest: unknown[]) {
    sent.push(text);
    return original.call(this, text, ...rest);
  };
  return sent;
}

/**
 * Issue 15: a flush of rulings is one statement, with no SELECT before it, also when requests carry content ids
 * and Idempotency-Keys (what a platform sends to have retries replayed and edits superseded). The rulings already
 * recorded are read only when the insert skipped one of the requests.
 */
describe.each(backends())("the statements a ruling's write sends on $name", (backend) => {
  let svc: TestService;
  let sent: string[];
  beforeAll(async () => {
    svc = await startService(backend);
    sent = recordStatements(svc);
  });
  afterAll(() => svc?.close());

  const touchingRulings = () => sent.filter((text) => /\brulings\b|ruling_replay_keys/.test(text));
  const moderate = (body: unknown, key?: string) =>
    svc.post(MODERATE, body, key ? { "idempotency-key": key } : {}).then(async (res) => ({
      status: res.status,
      ruling: (await res.json()) as Ruling,
    }));

  it("new content with ids and keys: one insert statement per flush, no lookup before it", async () => {
    sent.length = 0;
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        moderate({ content: { id: `fresh-${i}`, text: `new post ${i}` } }, `k-${i}`),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(201));
    const statements = touchingRulings();
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.every((text) => /^\s*with inserted as \(\s*insert into rulings/.test(text))).toBe(true);
    expect(answers.every((a) => a.ruling.supersedes === null || a.ruling.supersedes === undefined)).toBe(true);
  });

  it("a retry and an edit: the retry's ruling is read after the insert skipped it; the edit supersedes", async () => {
    const first = await moderate({ content: { id: "post-7", text: "first version" } }, "retry-7");
    sent.length = 0;
    const [retry, edit] = await Promise.all([
      moderate({ content: { id: "post-7", text: "first version" } }, "retry-7"),
      moderate({ content: { id: "post-7", text: "second version, you pathetic moron" } }),
    ]);
    expect(retry).toMatchObject({ status: 200, ruling: { id: first.ruling.id } });
    expect(edit.status).toBe(201);
    expect(edit.ruling.supersedes).toBe(first.ruling.id);
    // What the edit's ruling says when read back, not only in its answer.
    const stored = (await (await svc.get(edit.ruling.links.self)).json()) as Ruling;
    expect(stored.supersedes).toBe(first.ruling.id);
    // The lookup ran, for the retry alone.
    expect(touchingRulings().some((text) => text.includes("ruling_replay_keys where community_id = q.community"))).toBe(
      true,
    );
  });

  /**
   * The generic plan PostgreSQL makes of the prepared insert (plan_cache_mode = force_generic_plan) on this fresh,
   * small database: what a server keeps while the tables grow, until their statistics are next gathered. Every
   * check must be an index probe: a sequential scan or a hashed subplan reads a whole table once per flush (3.4 ms
   * of PostgreSQL's CPU per answer in the bench with content ids, and growing with the table).
   */
  async function genericPlan(query: SQL): Promise<string> {
    const { sql: text, params } = new PgDialect().sqlToQuery(sql`explain ${query}`);
    const client = (svc.service.services.db as unknown as { $client: Record<string, never> }).$client;
    type Line = { "QUERY PLAN": string };
    const lines: Line[] =
      backend.name === "postgres"
        ? await (
            client as unknown as {
              begin: (
                f: (tx: { unsafe: (t: string, p?: unknown[], o?: object) => Promise<Line[]> }) => unknown,
              ) => Promise<Line[]>;
            }
          ).begin(async (tx) => {
            await tx.unsafe("set local plan_cache_mode = force_generic_plan");
            return tx.unsafe(text, params, { prepare: true });
          })
        : await (
            client as unknown as {
              transaction: (
                f: (tx: { query: (t: string, p?: unknown[]) => Promise<{ rows: Line[] }> }) => unknown,
              ) => Promise<Line[]>;
            }
          ).transaction(async (tx) => {
            await tx.query("set local plan_cache_mode = force_generic_plan");
            return (await tx.query(text, params)).rows;
          });
    return lines.map((line) => line["QUERY PLAN"]).join("\n");
  }

  it("the insert's checks are index probes in the plan kept as the tables grow", async () => {
    const db = svc.service.services.db;
    const [stored] = await db.select().from(rulings).limit(1);
    // A ruling of this database's shape, with both replay keys: every check is in the statement.
    const row = { ...(stored as typeof rulings.$inferSelect), id: `${stored?.id}x`, contentId: "plan-post" };
    const plan = await genericPlan(
      sql`${insertNewRulings([{ ...row, idempotencyKey: "plan-1" }])} on conflict do nothing returning id`,
    );
    expect(plan).toContain("ruling_replay_keys_idempotency");
    expect(plan).toContain("ruling_replay_keys_content");
    expect(plan).not.toMatch(/Seq Scan|hashed SubPlan|Hash Join/);
  });

  it("a key reused for other content is still refused, and records nothing", async () => {
    await moderate({ content: { text: "one thing" } }, "reused-1");
    const before = await svc.rowCounts();
    const other = await svc.post(MODERATE, { content: { text: "another thing" } }, { "idempotency-key": "reused-1" });
    expect(other.status).toBe(422);
    expect(await svc.rowCounts()).toEqual(before);
  });
});
