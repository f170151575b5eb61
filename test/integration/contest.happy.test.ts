import { readFileSync } from "node:fs";
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { appeals, precedents, reviewEvents, rulings, webhookEvents } from "../../src/db/schema/index.js";
import type { Ruling } from "../../src/domain/index.js";
import { repoPath } from "../helpers/packs.js";
import { backends } from "../support/backends.js";
import { dsaValidator } from "../support/dsa-validator.js";
import { startService, type TestService } from "../support/service.js";
import { startReceiver } from "../support/webhook-receiver.js";

const cases = parse(readFileSync(repoPath("test/fixtures/judgment-cases.yaml"), "utf8")) as Record<
  string,
  { content: { text: string } }
>;
const C = "/v1/communities/default";
const validateDsa = dsaValidator();

type Appeal = {
  id: string;
  state: string;
  rationale: string | null;
  outcome: string | null;
  superseding_ruling_id: string | null;
  ruling_id: string;
};

describe.each(backends())("contestability on $name", (backend) => {
  let svc: TestService;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let n = 0;
  beforeAll(async () => {
    svc = await startService(backend, { MORES_WEBHOOK_INTERVAL_MS: "0" }); // the test drives delivery
    receiver = await startReceiver();
    const res = await svc.post(`${C}/webhooks`, {
      url: receiver.url,
      events: ["appeal.filed", "appeal.decided", "review.decided", "ruling.superseded"],
    });
    expect(res.status).toBe(201);
    receiver.secret = ((await res.json()) as { secret: string }).secret; // it verifies every signature
  });
  afterAll(async () => {
    await svc?.close();
    await receiver?.close();
  });

  const moderate = async (body: unknown) => (await (await svc.post(`${C}/moderate`, body)).json()) as Ruling;
  /** A fresh reclaimed-term case, so each test has its own queued ruling. */
  const queued = () => {
    const body = structuredClone(cases.reclaimed) as { content: { text: string } };
    body.content.text += ` #${n++}`;
    return moderate(body);
  };
  const counts = async () => {
    const db = svc.service.services.db;
    const one = async (
      t: typeof rulings | typeof appeals | typeof webhookEvents | typeof reviewEvents | typeof precedents,
    ) => (await db.select({ n: count() }).from(t))[0]?.n ?? 0;
    return {
      rulings: await one(rulings),
      appeals: await one(appeals),
      events: await one(webhookEvents),
      reviews: await one(reviewEvents),
      precedents: await one(precedents),
    };
  };

  it("file → decide overturned: the original is unchanged, a superseding ruling exists, the appeal shows its rationale, and the platform got a signed appeal.decided", async () => {
    const original = await moderate({ content: { text: "I will kill you." } });
    expect(original.decision).toBe("remove");
    const filed = await svc.post(`${C}/rulings/${original.id}/appeals`, {
      grounds: "It was a quote from a film we were discussing.",
    });
    expect(filed.status).toBe(201);
    const appeal = (await filed.json()) as Appeal;
    expect(appeal.state).toBe("open");

    const decided = await svc.post(`${C}/appeals/${appeal.id}/decision`, {
      outcome: "overturned",
      rationale: "The thread was about a film; the words quoted a character and threatened no one.",
      exception: "fiction-or-game",
      moderator: "mod-ana",
    });
    expect(decided.status).toBe(200);
    const { appeal: done, ruling: next } = (await decided.json()) as { appeal: Appeal; ruling: Ruling };
    expect(done).toMatchObject({
      state: "decided",
      outcome: "overturned",
      rationale: expect.stringContaining("quoted a character"),
    });
    expect(next).toMatchObject({ supersedes: original.id, origin: "appeal", decision: "allow" });
    expect(next.norms.find((x) => x.id === "threats")).toMatchObject({
      outcome: "excepted",
      exception: "fiction-or-game",
    });

    // Unchanged as recorded; only the derived link to the ruling that replaced it now shows.
    expect(original.superseded_by).toBeNull();
    expect(await (await svc.get(`${C}/rulings/${original.id}`)).json()).toEqual({
      ...original,
      superseded_by: next.id,
    });
    expect(((await (await svc.get(`${C}/appeals/${appeal.id}`)).json()) as Appeal).superseding_ruling_id).toBe(next.id);

    await svc.service.webhooks.runOnce();
    const events = [...receiver.processed.values()];
    expect(events.find((e) => e.type === "appeal.decided" && e.data.id === appeal.id)?.data).toMatchObject({
      outcome: "overturned",
      superseding_ruling_id: next.id,
    });
    expect(receiver.rejected).toBe(0); // every delivery carried a valid Standard Webhooks signature
    expect(events.some((e) => e.type === "ruling.superseded" && e.data.superseded_by === next.id)).toBe(true);
  });

  it("an appeal after the deadline, a second open appeal, and deciding a decided appeal each fail with a clear code and change nothing", async () => {
    const r = await moderate({ content: { text: "You are a pathetic moron." } });
    const first = (await (await svc.post(`${C}/rulings/${r.id}/appeals`, { grounds: "first" })).json()) as Appeal;
    let before = await counts();
    const second = await svc.post(`${C}/rulings/${r.id}/appeals`, { grounds: "second" });
    expect(second.status).toBe(409);
    expect(((await second.json()) as { code: string }).code).toBe("appeal_already_open");
    expect(await counts()).toEqual(before);

    await svc.post(`${C}/appeals/${first.id}/decision`, {
      outcome: "upheld",
      rationale: "A personal attack.",
      moderator: "mod-ana",
    });
    before = await counts();
    const again = await svc.post(`${C}/appeals/${first.id}/decision`, {
      outcome: "overturned",
      rationale: "changed my mind",
      moderator: "mod-bo",
    });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { code: string }).code).toBe("appeal_already_decided");
    expect(await counts()).toEqual(before);

    const late = await moderate({ content: { text: "You are a worthless idiot." } });
    const services = svc.service.services;
    const realClock = services.clock;
    services.clock = () => new Date(Date.parse(late.appeal_until) + 1000);
    try {
      before = await counts();
      const res = await svc.post(`${C}/rulings/${late.id}/appeals`, { grounds: "too late" });
      expect(res.status).toBe(409);
      expect(((await res.json()) as { code: string }).code).toBe("appeal_window_closed");
      expect(await counts()).toEqual(before);
    } finally {
      services.clock = realClock;
    }
  });

  it("the same Idempotency-Key returns the same appeal; a withdrawn appeal cannot be decided", async () => {
    const r = await moderate({ content: { text: "You are a spineless moron." } });
    const a = await svc.post(
      `${C}/rulings/${r.id}/appeals`,
      { grounds: "retry me" },
      { "idempotency-key": "appeal-1" },
    );
    const b = await svc.post(
      `${C}/rulings/${r.id}/appeals`,
      { grounds: "retry me" },
      { "idempotency-key": "appeal-1" },
    );
    expect([a.status, b.status]).toEqual([201, 200]);
    const appeal = (await a.json()) as Appeal;
    expect(((await b.json()) as Appeal).id).toBe(appeal.id);
    const withdrawn = await svc.send("POST", `${C}/appeals/${appeal.id}/withdraw`);
    expect(((await withdrawn.json()) as Appeal).state).toBe("withdrawn");
    const decide = await svc.post(`${C}/appeals/${appeal.id}/decision`, {
      outcome: "upheld",
      rationale: "x",
      moderator: "m",
    });
    expect(((await decide.json()) as { code: string }).code).toBe("appeal_withdrawn");
    const list = (await (await svc.get(`${C}/appeals?state=withdrawn`)).json()) as { data: Appeal[] };
    expect(list.data.map((x) => x.id)).toContain(appeal.id);
  });

  it("the review queue: listed oldest first and by norm, claimed, decided once into a superseding ruling and a precedent", async () => {
    const a = await queued();
    const b = await queued();
    expect(a.decision).toBe("review");
    const queue = (await (await svc.get(`${C}/reviews?norm=slurs`)).json()) as {
      data: Array<{ ruling: Ruling; claimed_by: string | null }>;
    };
    const ids = queue.data.map((x) => x.ruling.id);
    expect(ids.indexOf(a.id)).toBeLessThan(ids.indexOf(b.id));
    expect(
      ((await (await svc.get(`${C}/reviews?norm=threats`)).json()) as { data: unknown[] }).data.map(
        (x) => (x as { ruling: Ruling }).ruling.id,
      ),
    ).not.toContain(a.id);

    const claim = await svc.post(`${C}/reviews/${a.id}/claim`, { moderator: "mod-cy" });
    expect(((await claim.json()) as { claimed_by: string }).claimed_by).toBe("mod-cy");
    const afterClaim = (await (await svc.get(`${C}/reviews`)).json()) as {
      data: Array<{ ruling: Ruling; claimed_by: string | null }>;
    };
    expect(afterClaim.data.find((x) => x.ruling.id === a.id)?.claimed_by).toBe("mod-cy");

    const res = await svc.post(`${C}/reviews/${a.id}/decision`, {
      decision: "allow",
      rationale: "The author reclaims a word used against his own community.",
      exception: "in-group-reclamation",
      moderator: "mod-cy",
    });
    expect(res.status).toBe(200);
    const { ruling } = (await res.json()) as { ruling: Ruling };
    expect(ruling).toMatchObject({ supersedes: a.id, origin: "review", decision: "allow" });
    const remaining = (await (await svc.get(`${C}/reviews`)).json()) as { data: Array<{ ruling: Ruling }> };
    expect(remaining.data.map((x) => x.ruling.id)).not.toContain(a.id);

    const before = await counts();
    const twice = await svc.post(`${C}/reviews/${a.id}/decision`, {
      decision: "remove",
      rationale: "no",
      moderator: "mod-dee",
    });
    expect(twice.status).toBe(409);
    expect(((await twice.json()) as { code: string }).code).toBe("review_already_decided");
    expect(await counts()).toEqual(before);
    const notQueued = await svc.post(`${C}/reviews/${ruling.id}/claim`, { moderator: "mod-dee" });
    expect(((await notQueued.json()) as { code: string }).code).toBe("review_not_queued");

    const prec = (await (await svc.get(`${C}/norms/slurs/precedents`)).json()) as {
      data: Array<{ exception: string; holding: string; rationale: string; source: string }>;
    };
    expect(prec.data[0]).toMatchObject({ exception: "in-group-reclamation", holding: "excepted", source: "review" });
    await svc.service.webhooks.runOnce();
    expect([...receiver.processed.values()].some((e) => e.type === "review.decided" && e.data.ruling_id === a.id)).toBe(
      true,
    );
  });

  it("the DSA statement validates for rulings by rules alone and after human review, with the automation flags that fit", async () => {
    const byRules = await moderate({ content: { text: "I will kill you tomorrow." } });
    const s1 = (await (await svc.get(`${C}/rulings/${byRules.id}/statement`)).json()) as {
      author: Record<string, unknown>;
      dsa: Record<string, unknown>;
    };
    expect(validateDsa(s1.dsa), JSON.stringify(validateDsa.errors)).toBe(true);
    expect(s1.dsa).toMatchObject({
      automated_decision: "AUTOMATED_DECISION_FULLY",
      automated_detection: "Yes",
      incompatible_content_ground: "threats@1",
      decision_visibility: ["DECISION_VISIBILITY_CONTENT_REMOVED"],
      category: "STATEMENT_CATEGORY_VIOLENCE",
      puid: byRules.id,
    });
    expect(s1.author.headline).toMatch(/removed under the community norm “No threats of violence”/);
    expect(JSON.stringify(s1.author)).toContain("Keep people safe from violence"); // the norm's own function, not model prose
    expect(s1.author.how_to_appeal).toMatchObject({ until: byRules.appeal_until });

    const q = await queued();
    expect((await svc.post(`${C}/reviews/${q.id}/claim`, { moderator: "mod-e" })).status).toBe(200);
    const decided = (await (
      await svc.post(`${C}/reviews/${q.id}/decision`, {
        decision: "hide",
        rationale: "Used against someone else.",
        moderator: "mod-e",
      })
    ).json()) as { ruling: Ruling };
    const s2 = (await (await svc.get(`${C}/rulings/${decided.ruling.id}/statement`)).json()) as {
      dsa: Record<string, unknown>;
    };
    expect(validateDsa(s2.dsa), JSON.stringify(validateDsa.errors)).toBe(true);
    expect(s2.dsa).toMatchObject({
      automated_decision: "AUTOMATED_DECISION_PARTIALLY",
      decision_visibility: ["DECISION_VISIBILITY_CONTENT_DISABLED"],
    });

    const allowed = await moderate({ content: { text: "Lovely weather for the match." } });
    const s3 = (await (await svc.get(`${C}/rulings/${allowed.id}/statement`)).json()) as {
      dsa: unknown;
      dsa_note: string;
    };
    expect(s3.dsa).toBeNull();
    expect(s3.dsa_note).toMatch(/No restriction/);
  });

  it("transparency shows per-norm figures and the overturn rate", async () => {
    // A community of its own, so the figures are this test's whatever the other tests did before it: two threats,
    // one appealed and overturned; one insult, appealed and upheld.
    const T = "/v1/communities/transparency";
    expect((await svc.post("/v1/communities", { id: "transparency", name: "Transparency" })).status).toBe(201);
    const ruled = async (text: string) =>
      (await (await svc.post(`${T}/moderate`, { content: { text } })).json()) as Ruling;
    const appealed = async (text: string, decision: Record<string, string>) => {
      const r = await ruled(text);
      const appeal = (await (await svc.post(`${T}/rulings/${r.id}/appeals`, { grounds: "a quote" })).json()) as Appeal;
      const res = await svc.post(`${T}/appeals/${appeal.id}/decision`, { moderator: "mod-ana", ...decision });
      expect(res.status, await res.clone().text()).toBe(200);
    };
    await appealed("I will kill you.", {
      outcome: "overturned",
      rationale: "It quoted a film.",
      exception: "fiction-or-game",
    });
    await ruled("I will kill you tomorrow.");
    await appealed("You are a pathetic moron.", { outcome: "upheld", rationale: "A personal attack." });

    const t = (await (await svc.get(`${T}/transparency`)).json()) as {
      norms: Array<{
        norm_id: string;
        rulings: number;
        violations: number;
        appeals: number;
        decided: number;
        overturned: number;
        overturn_rate: number | null;
      }>;
    };
    const threats = t.norms.find((x) => x.norm_id === "threats");
    expect(threats?.violations).toBeGreaterThanOrEqual(2);
    expect(threats?.appeals).toBe(1);
    expect(threats?.overturned).toBe(1);
    expect(threats?.overturn_rate).toBe(1);
    const harassment = t.norms.find((x) => x.norm_id === "harassment");
    expect(harassment?.overturn_rate).toBe(0); // the upheld appeal
  });
});
