import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ruling } from "../../src/domain/index.js";
import { backends } from "../support/backends.js";
import { startService, type TestService } from "../support/service.js";
import { expectJson, newTenant, type Tenant } from "../support/tenants.js";

type Statement = {
  author: Record<string, unknown> & { how_to_appeal: { until: string | null; how: string } };
  dsa: { decision_facts: string } | null;
};
type Problem = { code: string; detail: string; issues?: Array<{ path: string }> };

/** What a platform asks about a content's rulings, and what a superseded ruling's statement says. */
describe.each(backends())("ruling lookups on $name", (backend) => {
  let svc: TestService;
  let t: Tenant;
  beforeAll(async () => {
    svc = await startService(backend);
    t = await newTenant(svc, "lookups");
  });
  afterAll(() => svc?.close());

  const as = (key: string, method: string, path: string, body?: unknown) =>
    svc.send(method, `${t.path}${path}`, { key, ...(body === undefined ? {} : { body }) });
  const moderate = (id: string, text: string) =>
    expectJson<Ruling>(as(t.keys.platform, "POST", "/moderate", { content: { id, text } }), 201);

  it("?content_id= lists only that content's rulings; the current ruling follows edits and appeals", async () => {
    const first = await moderate("post-7", "You are a pathetic moron.");
    await moderate("post-8", "You are a pathetic moron, again.");
    const edited = await moderate("post-7", "You are a pathetic moron and a liar.");
    expect(edited.supersedes).toBe(first.id);

    const list = await expectJson<{ data: Ruling[] }>(as(t.keys.platform, "GET", "/rulings?content_id=post-7"), 200);
    expect(list.data.map((r) => r.id)).toEqual([edited.id, first.id]);
    expect(list.data[1]?.superseded_by).toBe(edited.id);
    expect(list.data[0]?.superseded_by).toBeNull();

    const current = () => expectJson<Ruling>(as(t.keys.platform, "GET", "/contents/post-7/ruling"), 200);
    expect((await current()).id).toBe(edited.id);

    const appeal = await expectJson<{ id: string }>(
      as(t.keys.platform, "POST", `/rulings/${edited.id}/appeals`, { grounds: "banter between friends" }),
      201,
    );
    const decided = await expectJson<{ ruling: Ruling }>(
      as(t.keys.moderator, "POST", `/appeals/${appeal.id}/decision`, {
        outcome: "overturned",
        rationale: "Friendly banter: the two users joke like this daily.",
      }),
      200,
    );
    expect((await current()).id).toBe(decided.ruling.id);
    const unknown = await expectJson<Problem>(as(t.keys.platform, "GET", "/contents/post-404/ruling"), 404);
    expect(unknown.code).toBe("ruling_not_found");
  });

  it("an overturned ruling shows superseded_by and no longer invites an appeal; the new one carries the moderator's reasons", async () => {
    const removed = await moderate("post-9", "Shut up, you worthless idiot.");
    expect(removed.decision).not.toBe("allow");
    const before = await expectJson<Statement>(as(t.keys.platform, "GET", `/rulings/${removed.id}/statement`), 200);
    expect(before.author.how_to_appeal).toMatchObject({ until: removed.appeal_until });

    const appeal = await expectJson<{ id: string }>(
      as(t.keys.platform, "POST", `/rulings/${removed.id}/appeals`, { grounds: "quoting a film" }),
      201,
    );
    const rationale = "The line quotes a film the thread is discussing.";
    const decided = await expectJson<{ ruling: Ruling }>(
      as(t.keys.moderator, "POST", `/appeals/${appeal.id}/decision`, {
        outcome: "modified",
        decision: "label",
        rationale,
      }),
      200,
    );
    const old = await expectJson<Ruling>(as(t.keys.platform, "GET", `/rulings/${removed.id}`), 200);
    expect(old.superseded_by).toBe(decided.ruling.id);
    const oldStatement = await expectJson<Statement>(
      as(t.keys.platform, "GET", `/rulings/${removed.id}/statement`),
      200,
    );
    expect(oldStatement.author.how_to_appeal.until).toBeNull();
    expect(oldStatement.author.how_to_appeal.how).toContain(decided.ruling.id);
    expect(JSON.stringify(oldStatement.author)).not.toContain("/appeals");

    const next = await expectJson<Statement>(
      as(t.keys.platform, "GET", `/rulings/${decided.ruling.id}/statement`),
      200,
    );
    expect(next.author.moderator_rationale).toBe(rationale);
    expect(next.dsa?.decision_facts).toContain(rationale);
    expect(next.author.how_to_appeal.until).toBeNull(); // decided on appeal: final here
  });

  it("an allow's statement does not invite an appeal", async () => {
    const allowed = await moderate("post-10", "Lovely weather for the match.");
    expect(allowed.decision).toBe("allow");
    const s = await expectJson<Statement>(as(t.keys.platform, "GET", `/rulings/${allowed.id}/statement`), 200);
    expect(s.author.how_to_appeal).toMatchObject({ until: null, how: expect.stringMatching(/nothing to appeal/) });
    expect(s.author).not.toHaveProperty("how_to_appeal.endpoint");
  });

  it("an unknown query parameter is a 400 naming it, on every kind of route; declared ones still work", async () => {
    const before = await svc.rowCounts();
    for (const path of ["/rulings?content=post-7", "/rulings?limit=1&sort=asc", "/contents/post-7/ruling?x=1"]) {
      const p = await expectJson<Problem>(as(t.keys.platform, "GET", path), 400);
      expect(p.code).toBe("invalid_request");
      expect(p.detail).toMatch(/unknown query parameter/);
    }
    const post = await expectJson<Problem>(
      as(t.keys.platform, "POST", "/moderate?dry_run=true", { content: { text: "hello there" } }),
      400,
    );
    expect(post.issues?.map((i) => i.path)).toEqual(["dry_run"]);
    expect(await svc.rowCounts()).toEqual(before); // refused before anything ran
    await expectJson(as(t.keys.moderator, "GET", "/reviews?limit=5"), 200);
    await expectJson(as(t.keys.platform, "GET", "/rulings?content_id=post-7&limit=1"), 200);
  });
});
