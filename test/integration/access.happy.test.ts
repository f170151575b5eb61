import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/backends.js";
import { OPERATOR_KEY, startService, type TestService } from "../support/service.js";
import { expectJson, newTenant, type Tenant } from "../support/tenants.js";

type Key = { id: string; key: string; role: string; revoked_at: string | null };
type Community = { id: string; settings: Record<string, unknown>; norm_set_version: number };
type AuditEvent = {
  action: string;
  actor: { key: string; role: string };
  target: string;
  detail: Record<string, unknown>;
};

describe.each(backends())("communities, keys and roles on $name", (backend) => {
  let svc: TestService;
  let t: Tenant;
  const logLines: string[] = [];
  beforeAll(async () => {
    svc = await startService(backend, {}, { logLines });
    t = await newTenant(svc, "gardeners");
  });
  afterAll(() => svc?.close());

  it("the operator creates a community that starts from the starter pack, and lists every community", async () => {
    const c = await expectJson<Community>(svc.get(t.path, { authorization: `Bearer ${t.keys.platform}` }), 200);
    expect(c.norm_set_version).toBe(1);
    expect(c.settings).toMatchObject({ appeal_window_days: 180, proposals: { adoption: "admin" } });
    const norms = await expectJson<{ norms: unknown[] }>(
      svc.send("GET", `${t.path}/norms`, { key: t.keys.editor }),
      200,
    );
    expect(norms.norms.length).toBeGreaterThan(3);
    const all = await expectJson<{ data: Community[] }>(svc.get("/v1/communities"), 200);
    expect(all.data.map((x) => x.id)).toEqual(expect.arrayContaining(["default", "gardeners"]));
    const again = await svc.post("/v1/communities", { id: "gardeners", name: "again" });
    expect(again.status).toBe(409);
  });

  it("a key is shown once: listed afterwards by id and role only, and stored only as a hash", async () => {
    const made = await expectJson<Key>(
      svc.send("POST", `${t.path}/keys`, { key: t.keys.admin, body: { role: "platform", name: "mobile" } }),
      201,
    );
    expect(made.key).toMatch(new RegExp(`^mores_${made.id}_[A-Za-z0-9_-]{43}$`));
    const listed = await expectJson<{ data: Array<Record<string, unknown>> }>(
      svc.send("GET", `${t.path}/keys`, { key: t.keys.admin }),
      200,
    );
    expect(listed.data.find((k) => k.id === made.id)).toMatchObject({ role: "platform", name: "mobile" });
    expect(JSON.stringify(listed)).not.toContain(made.key.slice(-43));
    const rows = await svc.service.database.db.execute(`select * from api_keys where id = '${made.id}'` as never);
    expect(JSON.stringify(rows)).not.toContain(made.key.slice(-43));
  });

  it("each role reaches what it needs and gets 403 elsewhere; a revoked key gets 401", async () => {
    const as = (key: string, method: string, path: string, body?: unknown) =>
      svc.send(method, `${t.path}${path}`, { key, ...(body && method !== "GET" ? { body } : {}) });
    expect((await as(t.keys.platform, "POST", "/moderate", { content: { text: "hello" } })).status).toBe(201);
    expect((await as(t.keys.moderator, "GET", "/reviews")).status).toBe(200);
    expect((await as(t.keys.editor, "GET", "/proposals")).status).toBe(200);
    for (const [key, method, path] of [
      [t.keys.platform, "GET", "/keys"],
      [t.keys.platform, "GET", "/reviews"],
      [t.keys.editor, "POST", "/moderate"],
      [t.keys.moderator, "POST", "/proposals"],
      [t.keys.editor, "POST", "/keys"],
    ] as const) {
      const res = await as(key, method, path, {});
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
    expect(
      (await svc.send("POST", "/v1/communities", { key: t.keys.admin, body: { id: "x", name: "x" } })).status,
    ).toBe(403);

    const doomed = await expectJson<Key>(as(t.keys.admin, "POST", "/keys", { role: "platform" }), 201);
    expect((await as(doomed.key, "GET", "/rulings")).status).toBe(200);
    const revoked = await expectJson<Key>(as(t.keys.admin, "DELETE", `/keys/${doomed.id}`), 200);
    expect(revoked.revoked_at).not.toBeNull();
    const after = await as(doomed.key, "GET", "/rulings");
    expect(after.status).toBe(401);
    expect(after.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it("settings changes are applied, and the audit log says who changed what from what", async () => {
    // A community of its own: the others keep the starter settings the first test checks, in any order.
    const c = await newTenant(svc, "settings-changed");
    const changed = await expectJson<Community>(
      svc.send("PATCH", c.path, {
        key: c.keys.admin,
        body: { settings: { appeal_window_days: 30, escalation: { hold_removals_from: "critical" } } },
      }),
      200,
    );
    expect(changed.settings).toMatchObject({ appeal_window_days: 30, escalation: { hold_removals_from: "critical" } });
    const audit = await expectJson<{ data: AuditEvent[] }>(
      svc.send("GET", `${c.path}/audit`, { key: c.keys.admin }),
      200,
    );
    const event = audit.data.find((e) => e.action === "community.updated");
    expect(event?.actor).toMatchObject({ key: c.keyIds.admin, role: "admin" });
    expect(event?.detail).toMatchObject({
      before: { settings: { appeal_window_days: 180 } },
      after: { settings: { appeal_window_days: 30 } },
    });
    expect(audit.data.filter((e) => e.action === "key.created").length).toBeGreaterThanOrEqual(5);
    const hook = await expectJson<{ id: string }>(
      svc.send("POST", `${c.path}/webhooks`, {
        key: c.keys.admin,
        body: { url: "http://127.0.0.1:9/x", events: ["ruling.created"] },
      }),
      201,
    );
    await svc.send("DELETE", `${c.path}/webhooks/${hook.id}`, { key: c.keys.admin });
    const hookEvents = await expectJson<{ data: AuditEvent[] }>(
      svc.send("GET", `${c.path}/audit?target=${hook.id}`, { key: c.keys.admin }),
      200,
    );
    expect(hookEvents.data.map((e) => [e.action, e.actor.key])).toEqual([
      ["webhook.disabled", c.keyIds.admin],
      ["webhook.created", c.keyIds.admin],
    ]);

    // The escalation policy: a critical removal now waits for a moderator.
    const threat = await expectJson<{ decision: string; norms: Array<{ id: string; cause?: string }> }>(
      svc.send("POST", `${c.path}/moderate`, { key: c.keys.platform, body: { content: { text: "I will kill you." } } }),
      201,
    );
    expect(threat.decision).toBe("review");
    expect(threat.norms.find((n) => n.id === "threats")?.cause).toMatch(/holds removals of severity critical/);

    const bad = await svc.send("PATCH", c.path, { key: c.keys.admin, body: { settings: { appeal_window_days: -1 } } });
    expect(bad.status).toBe(400);
    const now = await expectJson<Community>(svc.get(c.path), 200);
    expect(now.settings).toMatchObject({ appeal_window_days: 30 });
  });

  it("moderation decisions record the key that made them, and default the name to the key's", async () => {
    // In-group usage the text only suggests (no declared membership) goes to a person.
    const reclaimed = { content: { text: "Yeah I'm a faggot and proud of it." } };
    const queued = await expectJson<{ id: string; decision: string }>(
      svc.send("POST", `${t.path}/moderate`, { key: t.keys.platform, body: reclaimed }),
      201,
    );
    expect(queued.decision).toBe("review");
    await expectJson(
      svc.send("POST", `${t.path}/reviews/${queued.id}/claim`, { key: t.keys.moderator, body: {} }),
      200,
    );
    const review = await expectJson<{
      review: { decided_by: string; decided_by_key: string };
      ruling: { trace: unknown };
    }>(
      svc.send("POST", `${t.path}/reviews/${queued.id}/decision`, {
        key: t.keys.moderator,
        body: { decision: "allow", rationale: "reclaimed", exception: "in-group-reclamation" },
      }),
      200,
    );
    expect(review.review).toMatchObject({ decided_by: "moderator", decided_by_key: t.keyIds.moderator });
    expect(JSON.stringify(review.ruling.trace)).toContain(t.keyIds.moderator);

    const removed = await expectJson<{ id: string }>(
      svc.send("POST", `${t.path}/moderate`, {
        key: t.keys.platform,
        body: { content: { text: "Shut up, you faggot." } },
      }),
      201,
    );
    const appeal = await expectJson<{ id: string }>(
      svc.send("POST", `${t.path}/rulings/${removed.id}/appeals`, {
        key: t.keys.platform,
        body: { grounds: "context" },
      }),
      201,
    );
    const decided = await expectJson<{ appeal: { decided_by: string; decided_by_key: string } }>(
      svc.send("POST", `${t.path}/appeals/${appeal.id}/decision`, {
        key: t.keys.moderator,
        body: { outcome: "upheld", rationale: "aimed at someone", moderator: "Sam R." },
      }),
      200,
    );
    expect(decided.appeal).toMatchObject({ decided_by: "Sam R.", decided_by_key: t.keyIds.moderator });
  });

  it("a key over its rate limit gets 429 with Retry-After, and other keys are not affected", async () => {
    const limited = await expectJson<Key>(
      svc.send("POST", `${t.path}/keys`, {
        key: t.keys.admin,
        body: { role: "platform", rate_limit: { per_second: 0.5, burst: 3 } },
      }),
      201,
    );
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await svc.send("GET", `${t.path}/rulings`, { key: limited.key })).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const res = await svc.send("GET", `${t.path}/rulings`, { key: limited.key });
    expect(res.headers.get("retry-after")).toBe("2");
    expect(((await res.json()) as { code: string }).code).toBe("rate_limited");
    expect((await svc.send("GET", `${t.path}/rulings`, { key: t.keys.platform })).status).toBe(200);
  });

  it("keys never appear in logs, rulings or error bodies", async () => {
    const before = logLines.length;
    const key = t.keys.platform;
    const ruling = await svc.send("POST", `${t.path}/moderate`, { key, body: { content: { text: "key check" } } });
    const text = await ruling.text();
    const errors = [
      await svc.send("POST", `${t.path}/keys`, { key, body: {} }),
      await svc.send("POST", `${t.path}/moderate`, { key, body: { nope: true } }),
      await svc.send("GET", "/v1/communities/default/rulings", { key }),
      await svc.send("GET", `${t.path}/rulings`, { key: `${key}x` }),
    ];
    const bodies = [text, ...(await Promise.all(errors.map((r) => r.text())))];
    const logs = logLines.slice(before).join("\n");
    expect(logs).toContain(t.keyIds.platform); // the log does say which key acted
    for (const secret of [key, key.slice(-43), OPERATOR_KEY]) {
      expect(logs).not.toContain(secret);
      for (const body of bodies) expect(body).not.toContain(secret);
    }
  });
});
