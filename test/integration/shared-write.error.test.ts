import { readFileSync } from "node:fs";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { rulings } from "../../src/db/schema/index.js";
import type { EvaluationRequest } from "../../src/domain/index.js";
import { moderate } from "../../src/moderation/moderate.js";
import { repoPath } from "../helpers/packs.js";
import { backends } from "../support/backends.js";
import { startService, type TestService } from "../support/service.js";
import { newTenant } from "../support/tenants.js";

/**
 * One bad item must not fail its neighbours. Rulings of concurrent requests
 * share one INSERT (group commit); a text PostgreSQL refuses (NUL, a lone
 * surrogate) used to fail that whole statement, so innocent requests of the
 * same flush got 500 — even those of another community. Now the HTTP layer
 * refuses such text with a 400 naming where it is, and the writer, should
 * such a row ever reach it, retries the rest of the flush without it.
 */

type Case = { name: string; body: EvaluationRequest; pointer: string; offset: number };
const BAD = parse(readFileSync(repoPath("test/fixtures/unstorable-text.yaml"), "utf8")) as Case[];
const GOOD = 300;
const ROUNDS = 3;

/** A good request, unique per round and index, half of them to the other community. */
const good = (round: number, i: number) => ({
  community: i % 2 ? "other" : "default",
  body: { content: { id: `r${round}-post-${i}`, text: `round ${round}: message number ${i}, nothing to see` } },
});

/** Bad requests placed among the good ones, in both communities. */
const badAt = (i: number, cases = BAD) => ({
  community: i % 2 ? "other" : "default",
  case: cases[i % cases.length] as Case,
});
/** The cases whose bad string the verb writes into the ruling (an unknown key or a group is not stored as such). */
const STORED = BAD.filter((c) => c.pointer.startsWith("/content/"));

describe.each(backends())("a bad neighbour in a shared write on $name", (backend) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startService(backend);
    await newTenant(svc, "other");
  });
  afterAll(() => svc?.close());

  it("the fixtures hold what they say: each bad string really has NUL or a lone surrogate", () => {
    expect(BAD.length).toBeGreaterThanOrEqual(7);
    expect(STORED.length).toBeGreaterThanOrEqual(4);
    for (const c of BAD) expect(JSON.stringify(c.body), c.name).toMatch(/\\u0000|\\ud[89a-f]/i);
  });

  it(`over HTTP: ${GOOD} concurrent good moderations all get 201, each bad one a 400 naming its place, ${ROUNDS} rounds`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const before = await svc.rowCounts();
      const goods = Array.from({ length: GOOD }, (_, i) => good(round, i));
      const bads = Array.from({ length: 3 * BAD.length }, (_, i) => badAt(i));
      // Interleaved, so bad and good requests arrive in the same turns of the event loop.
      const sent = [
        ...goods.map((g) => svc.post(`/v1/communities/${g.community}/moderate`, g.body)),
        ...bads.map((b) => svc.post(`/v1/communities/${b.community}/moderate`, b.case.body)),
      ];
      const answers = await Promise.all(sent);
      const statuses = answers.slice(0, GOOD).map((r) => r.status);
      expect(
        statuses.filter((s) => s !== 201),
        `round ${round}`,
      ).toEqual([]);
      for (const [i, res] of answers.slice(GOOD).entries()) {
        const c = (bads[i] as { case: Case }).case;
        expect(res.status, c.name).toBe(400);
        expect(res.headers.get("content-type")).toBe("application/problem+json");
        const body = (await res.json()) as { code: string; location: { pointer: string; offset: number } };
        expect([body.code, body.location.pointer, body.location.offset], c.name).toEqual([
          "invalid_encoding",
          c.pointer,
          c.offset,
        ]);
      }
      for (const r of answers.slice(0, GOOD)) await r.body?.cancel();
      expect((await svc.rowCounts()).rulings - before.rulings).toBe(GOOD);
    }
  }, 240_000);

  it(`past the HTTP check: a ruling the database refuses fails alone, and ${GOOD} neighbours commit, ${ROUNDS} rounds`, async () => {
    const services = svc.service.services;
    for (let round = 0; round < ROUNDS; round++) {
      const before = await svc.rowCounts();
      const goods = Array.from({ length: GOOD }, (_, i) => good(round + 10, i));
      const bads = Array.from({ length: 4 * STORED.length }, (_, i) => badAt(i, STORED));
      const settled = await Promise.allSettled([
        ...goods.map((g) => moderate(services, g.community, g.body)),
        ...bads.map((b) => moderate(services, b.community, b.case.body)),
      ]);
      const failedGood = settled.slice(0, GOOD).flatMap((s) => (s.status === "rejected" ? [String(s.reason)] : []));
      expect(failedGood.length, `round ${round}: ${failedGood[0]?.slice(0, 160)}`).toBe(0);
      // Each bad item is refused by the database itself (it got past no check here).
      for (const s of settled.slice(GOOD)) expect(s.status).toBe("rejected");
      expect((await svc.rowCounts()).rulings - before.rulings).toBe(GOOD);
      // And every good ruling is there, under the id its caller was given.
      const given = settled
        .slice(0, GOOD)
        .map((s) => (s as PromiseFulfilledResult<{ ruling: { id: string } }>).value.ruling.id);
      const stored = await services.db.select({ id: rulings.id }).from(rulings).where(inArray(rulings.id, given));
      expect(stored.length).toBe(GOOD);
    }
  }, 240_000);
});
