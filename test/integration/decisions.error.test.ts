import { readFileSync } from "node:fs";
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { precedents, reviewEvents, rulings } from "../../src/db/schema/index.js";
import type { Ruling } from "../../src/domain/index.js";
import { repoPath } from "../helpers/packs.js";
import { backends } from "../support/backends.js";
import { startService, type TestService } from "../support/service.js";
import { expectJson, newTenant, type Tenant } from "../support/tenants.js";

const cases = parse(readFileSync(repoPath("test/fixtures/judgment-cases.yaml"), "utf8")) as Record<
  string,
  { content: { text: string } }
>;
type Problem = { code: string; detail: string; claimed_by?: string; offered?: Array<{ exception: string }> };

/** Decisions with integrity: exclusive claims with a lease, and exceptions the norms really offer. */
describe.each(backends())("review decisions on $name", (backend) => {
  let svc: TestService;
  let t: Tenant;
  let n = 0;
  beforeAll(async () => {
    svc = await startService(backend);
    t = await newTenant(svc, "claims");
  });
  afterAll(() => svc?.close());

  const as = (key: string, method: string, path: string, body?: unknown) =>
    svc.send(method, `${t.path}${path}`, { key, ...(body === undefined ? {} : { body }) });
  /** A fresh queued ruling (in-group usage the text only suggests goes to a person). */
  const queued = async () => {
    const body = structuredClone(cases.reclaimed) as { content: { text: string } };
    body.content.text += ` #${n++}`;
    const r = await expectJson<Ruling>(as(t.keys.platform, "POST", "/moderate", body), 201);
    expect(r.decision).toBe("review");
    return r;
  };
  const rows = async () => {
    const db = svc.service.services.db;
    const one = async (x: typeof rulings | typeof reviewEvents | typeof precedents) =>
      (await db.select({ n: count() }).from(x))[0]?.n ?? 0;
    return { rulings: await one(rulings), reviews: await one(reviewEvents), precedents: await one(precedents) };
  };
  const decide = (key: string, id: string, body: Record<string, unknown> = {}) =>
    as(key, "POST", `/reviews/${id}/decision`, { decision: "hide", rationale: "Aimed at someone.", ...body });

  it("a claim is exclusive: another moderator gets 409 claimed_by_other on claim and decide; the holder decides", async () => {
    const r = await queued();
    const claim = await expectJson<{ claimed_by: string; expires_at: string; claimed_at: string }>(
      as(t.keys.moderator, "POST", `/reviews/${r.id}/claim`, { moderator: "ana" }),
      200,
    );
    expect(Date.parse(claim.expires_at) - Date.parse(claim.claimed_at)).toBe(15 * 60_000); // the default lease
    const before = await rows();
    const second = await expectJson<Problem>(as(t.keys.admin, "POST", `/reviews/${r.id}/claim`, {}), 409);
    expect(second).toMatchObject({ code: "claimed_by_other", claimed_by: "ana" });
    // The same name on another key is someone else: names are not credentials.
    await expectJson(as(t.keys.admin, "POST", `/reviews/${r.id}/claim`, { moderator: "ana" }), 409);
    const overruled = await expectJson<Problem>(decide(t.keys.admin, r.id), 409);
    expect(overruled.code).toBe("claimed_by_other");
    expect(await rows()).toEqual(before);
    const queue = await expectJson<{ data: Array<{ ruling: Ruling; claimed_by: string; claim_expires_at: string }> }>(
      as(t.keys.moderator, "GET", "/reviews"),
      200,
    );
    expect(queue.data.find((x) => x.ruling.id === r.id)).toMatchObject({
      claimed_by: "ana",
      claim_expires_at: claim.expires_at,
    });
    await expectJson(decide(t.keys.moderator, r.id, { moderator: "ana" }), 200);
  });

  it("deciding needs one's own claim unless the community's reviews.require_claim is false", async () => {
    const r = await queued();
    const before = await rows();
    expect((await expectJson<Problem>(decide(t.keys.moderator, r.id), 409)).code).toBe("claim_required");
    expect(await rows()).toEqual(before);
    await expectJson(as(t.keys.admin, "PATCH", "", { settings: { reviews: { require_claim: false } } }), 200);
    try {
      await expectJson(decide(t.keys.moderator, r.id), 200);
    } finally {
      await expectJson(as(t.keys.admin, "PATCH", "", { settings: { reviews: { require_claim: true } } }), 200);
    }
  });

  it("a claim lapses when its lease ends: then another moderator may claim and decide", async () => {
    const r = await queued();
    await expectJson(as(t.keys.moderator, "POST", `/reviews/${r.id}/claim`, {}), 200);
    await expectJson(as(t.keys.admin, "POST", `/reviews/${r.id}/claim`, {}), 409);
    const services = svc.service.services;
    const realClock = services.clock;
    const later = Date.now() + 15 * 60_000 + 1000;
    services.clock = () => new Date(later);
    // The operator acts while the clock is moved: keys' rate-limit buckets must not see time run backwards.
    try {
      const queue = await expectJson<{ data: Array<{ ruling: Ruling; claimed_by: string | null }> }>(
        svc.get(`${t.path}/reviews`),
        200,
      );
      expect(queue.data.find((x) => x.ruling.id === r.id)?.claimed_by).toBeNull();
      const taken = await expectJson<{ claimed_by: string }>(
        svc.post(`${t.path}/reviews/${r.id}/claim`, { moderator: "olga" }),
        200,
      );
      expect(taken.claimed_by).toBe("olga");
      await expectJson(
        svc.post(`${t.path}/reviews/${r.id}/decision`, { decision: "hide", rationale: "Aimed.", moderator: "olga" }),
        200,
      );
    } finally {
      services.clock = realClock;
    }
  });

  it("release gives the ruling back at once; only the holder may release", async () => {
    const r = await queued();
    expect((await expectJson<Problem>(as(t.keys.moderator, "POST", `/reviews/${r.id}/release`, {}), 409)).code).toBe(
      "claim_not_held",
    );
    await expectJson(as(t.keys.moderator, "POST", `/reviews/${r.id}/claim`, {}), 200);
    expect((await expectJson<Problem>(as(t.keys.admin, "POST", `/reviews/${r.id}/release`, {}), 409)).code).toBe(
      "claimed_by_other",
    );
    const released = await expectJson<{ released_by: string }>(
      as(t.keys.moderator, "POST", `/reviews/${r.id}/release`, {}),
      200,
    );
    expect(released.released_by).toBe("moderator");
    await expectJson(as(t.keys.admin, "POST", `/reviews/${r.id}/claim`, {}), 200);
  });

  it("an exception the ruling's norms do not offer is a 422 that records nothing, in a review and on appeal", async () => {
    const r = await queued();
    await expectJson(as(t.keys.moderator, "POST", `/reviews/${r.id}/claim`, {}), 200);
    const before = await rows();
    const made = await expectJson<Problem>(
      decide(t.keys.moderator, r.id, { decision: "allow", exception: "made-up-exception" }),
      422,
    );
    expect(made.code).toBe("exception_not_offered");
    expect(made.offered?.map((o) => o.exception)).toContain("in-group-reclamation");
    expect(await rows()).toEqual(before);
    const ok = await expectJson<{ ruling: Ruling }>(
      decide(t.keys.moderator, r.id, { decision: "allow", exception: "in-group-reclamation" }),
      200,
    );
    expect(ok.ruling.norms.find((x) => x.id === "slurs")?.exception).toBe("in-group-reclamation");

    const removed = await expectJson<Ruling>(
      as(t.keys.platform, "POST", "/moderate", { content: { text: "I will kill you, n8." } }),
      201,
    );
    const appeal = await expectJson<{ id: string }>(
      as(t.keys.platform, "POST", `/rulings/${removed.id}/appeals`, { grounds: "a joke" }),
      201,
    );
    const beforeAppeal = await rows();
    const onAppeal = await expectJson<Problem>(
      as(t.keys.moderator, "POST", `/appeals/${appeal.id}/decision`, {
        outcome: "overturned",
        rationale: "a joke",
        exception: "in-group-reclamation", // a slurs exception; this ruling engaged only the threats norm
      }),
      422,
    );
    expect(onAppeal.code).toBe("exception_not_offered");
    expect(await rows()).toEqual(beforeAppeal);
  });
});
