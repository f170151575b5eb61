import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { httpTargets } from "../support/http-targets.js";
import type { TestService } from "../support/service.js";
import { expectJson, newTenant, type Tenant } from "../support/tenants.js";

type Report = {
  base_version: number;
  changes: { norms: { added: string[]; removed: string[]; changed: string[] } };
  diff: { summary: { files: number }; files: Array<{ file: string; patch: string }> };
  examples: {
    total: number;
    passed: number;
    failed: Array<{ norm: string; index: number; why: string; text: string }>;
  };
  replay: {
    replayed: number;
    changed: number;
    transitions: Record<string, number>;
    changes: Array<{
      ruling_id: string;
      from: string;
      to: string;
      norms: Array<{ norm: string; from: string; to: string }>;
    }>;
  };
  adoptable: boolean;
  blocking: string[];
};
type Proposal = {
  id: string;
  status: string;
  report: Report;
  adopted_version: number | null;
  approvals: Array<{ key: string }>;
  shadow: {
    active: boolean;
    evaluated: number;
    differing: number;
    transitions: Record<string, number>;
    examples: Array<{ ruling_id: string; from: string; to: string }>;
  } | null;
};
type Ruling = { id: string; decision: string; norm_set_version: number; norms: Array<{ id: string; version: number }> };
type Norm = Record<string, unknown> & { id: string; exceptions: Array<Record<string, unknown>> };

describe.each(httpTargets({ workerd: true }))("norm proposals on $name", (target) => {
  let svc: TestService;
  // Each test has its own community (`fresh`): proposals adopted or settings changed by one test must not change
  // the version, the replay or the decisions another test sees, in whatever order they run.
  let t: Tenant;
  let communities = 0;
  const as = (key: string, method: string, path: string, body?: unknown) =>
    svc.send(method, `${t.path}${path}`, { key, ...(body === undefined ? {} : { body }) });
  const moderate = (text: string) =>
    expectJson<Ruling>(as(t.keys.platform, "POST", "/moderate", { content: { text } }), 201);
  const propose = (change: unknown, key = t.keys.editor) =>
    expectJson<Proposal>(as(key, "POST", "/proposals", { title: "a change", change }), 201);
  const threatsNorm = async () => {
    const { versions } = await expectJson<{ versions: Array<{ norm: Norm }> }>(
      as(t.keys.editor, "GET", "/norms/threats"),
      200,
    );
    return structuredClone(versions[versions.length - 1]?.norm as Norm);
  };

  /** A new community with one key per role; `t` points at it for the helpers above. */
  const fresh = async () => {
    t = await newTenant(svc, `proposers-${++communities}`);
  };
  /** A fresh community with one threat and one benign ruling made under version 1: what the replays replay. */
  const withPastRulings = async () => {
    await fresh();
    const threat = await moderate("I will kill you if you show up tomorrow.");
    await moderate("What a lovely day for a walk.");
    return threat;
  };

  beforeAll(async () => {
    svc = await target.start();
  });
  afterAll(() => svc?.close());

  it("a proposal that breaks one of its norm's examples says which and why, and cannot be adopted", async () => {
    await withPastRulings();
    const norm = await threatsNorm();
    const fiction = norm.exceptions.find((e) => e.id === "fiction-or-game") as Record<string, unknown>;
    fiction.evidence = { any: [{ fact: "kind", operator: "in", value: ["poetry"] }] };
    const p = await propose({ kind: "norm", norm });
    expect(p.status).toBe("open");
    expect(p.report.adoptable).toBe(false);
    expect(p.report.examples.failed).toEqual([
      expect.objectContaining({ norm: "threats", text: "The knight swore he would slay them all at dawn." }),
    ]);
    expect(p.report.examples.failed[0]?.why).toMatch(/expected needs_judgment \(fiction-or-game\), got violated/);
    expect(p.report.blocking[0]).toMatch(/norm "threats"/);
    const refused = await as(t.keys.admin, "POST", `/proposals/${p.id}/adopt`);
    expect(refused.status).toBe(409);
    const problem = (await refused.json()) as { code: string; blocking: string[] };
    expect(problem.code).toBe("proposal_not_adoptable");
    expect(problem.blocking[0]).toMatch(/knight/);
    const c = await expectJson<{ norm_set_version: number }>(as(t.keys.admin, "GET", ""), 200);
    expect(c.norm_set_version).toBe(1);
  });

  it("a proposal that would change past decisions lists the rulings, from what to what, with the diff", async () => {
    const threat = await withPastRulings();
    const norm = await threatsNorm();
    norm.action = "hide";
    const p = await propose({ kind: "norm", norm });
    expect(p.report.adoptable).toBe(true);
    expect(p.report.changes.norms.changed).toEqual(["threats"]);
    expect(p.report.diff.files.map((f) => f.file)).toEqual(["norms/threats.yaml"]);
    expect(p.report.diff.files[0]?.patch).toMatch(/^-action: remove$/m);
    expect(p.report.diff.files[0]?.patch).toMatch(/^\+action: hide$/m);
    expect(p.report.replay.replayed).toBeGreaterThanOrEqual(2);
    expect(p.report.replay.transitions).toEqual({ "remove → hide": 1 });
    expect(p.report.replay.changes).toEqual([
      expect.objectContaining({ ruling_id: threat.id, from: "remove", to: "hide", norms: [] }),
    ]);

    // The admin adopts: the next immutable version; old rulings keep citing the version they were made under.
    const adopted = await expectJson<Proposal>(as(t.keys.admin, "POST", `/proposals/${p.id}/adopt`), 200);
    expect(adopted).toMatchObject({ status: "adopted", adopted_version: 2 });
    const now = await moderate("I will kill you if you show up tomorrow!");
    expect(now).toMatchObject({ decision: "hide", norm_set_version: 2 });
    expect(now.norms.find((n) => n.id === "threats")?.version).toBe(2);
    const old = await expectJson<Ruling>(as(t.keys.platform, "GET", `/rulings/${threat.id}`), 200);
    expect(old).toMatchObject({ decision: "remove", norm_set_version: 1 });
    expect(old.norms.find((n) => n.id === "threats")?.version).toBe(1);

    const audit = await expectJson<{ data: Array<{ action: string; actor: { key: string } }> }>(
      as(t.keys.admin, "GET", `/audit?target=${p.id}`),
      200,
    );
    expect(audit.data.map((e) => [e.action, e.actor.key])).toEqual([
      ["proposal.adopted", t.keyIds.admin],
      ["proposal.submitted", t.keyIds.editor],
    ]);
    const again = await as(t.keys.admin, "POST", `/proposals/${p.id}/adopt`);
    expect(((await again.json()) as { code: string }).code).toBe("proposal_closed");
  });

  it("a lexicon change is replayed with the facts it changes", async () => {
    await withPastRulings();
    const before = await moderate("You are a total blorpface.");
    expect(before.decision).toBe("allow");
    const { files } = await expectJson<{ files: Record<string, string> }>(as(t.keys.editor, "GET", "/pack"), 200);
    const insults = parse(files["lexicons/insults.yaml"] as string) as { terms: unknown[] };
    insults.terms.push("blorpface");
    const p = await propose({ kind: "lexicon", lexicon: insults });
    expect(p.report.changes).toMatchObject({ lexicons: { changed: ["insults"] }, norms: { changed: [] } });
    expect(p.report.diff.files[0]?.patch).toMatch(/^\+ {2}- blorpface$/m);
    expect(p.report.replay.changes.map((c) => [c.ruling_id, c.from, c.to])).toEqual([[before.id, "allow", "hide"]]);
    expect(p.report.replay.changes[0]?.norms).toEqual([{ norm: "harassment", from: "not_engaged", to: "violated" }]);
  });

  it("a proposal made against an older version cannot be adopted over a newer one", async () => {
    await fresh();
    const a = await propose({ kind: "remove_norm", id: "spam-scams" });
    const norm = await threatsNorm();
    norm.severity = "high";
    const b = await propose({ kind: "norm", norm });
    await expectJson<Proposal>(as(t.keys.admin, "POST", `/proposals/${a.id}/adopt`), 200);
    const stale = await as(t.keys.admin, "POST", `/proposals/${b.id}/adopt`);
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { code: string }).code).toBe("proposal_stale");
  });

  it("under the second-editor rule another editor's approval adopts; the proposer's own does not count", async () => {
    await fresh();
    await expectJson(as(t.keys.admin, "PATCH", "", { settings: { proposals: { adoption: "second_editor" } } }), 200);
    const norm = await threatsNorm();
    norm.severity = "high";
    const p = await propose({ kind: "norm", norm });
    const self = await as(t.keys.editor, "POST", `/proposals/${p.id}/approve`);
    expect(((await self.json()) as { code: string }).code).toBe("proposal_self_approval");
    const approved = await expectJson<Proposal>(as(t.keys.editor2, "POST", `/proposals/${p.id}/approve`), 200);
    expect(approved.status).toBe("adopted");
    expect(approved.approvals.map((a) => a.key)).toEqual([t.keyIds.editor2]);
    const list = await expectJson<{ data: Array<{ id: string; status: string }> }>(
      as(t.keys.moderator, "GET", "/proposals?status=adopted"),
      200,
    );
    expect(list.data.map((x) => x.id)).toContain(p.id);
    expect(list.data.every((x) => x.status === "adopted")).toBe(true);
  });

  it("withdrawn by its proposer only; rejected by an admin with a reason", async () => {
    await fresh();
    const p = await propose({ kind: "remove_norm", id: "doxxing" });
    expect((await as(t.keys.editor2, "POST", `/proposals/${p.id}/withdraw`, {})).status).toBe(403);
    const w = await expectJson<Proposal & { closed: { reason: string } }>(
      as(t.keys.editor, "POST", `/proposals/${p.id}/withdraw`, { reason: "wrong pack" }),
      200,
    );
    expect(w).toMatchObject({ status: "withdrawn", closed: { reason: "wrong pack" } });
    const q = await propose({ kind: "remove_norm", id: "doxxing" });
    expect((await as(t.keys.editor, "POST", `/proposals/${q.id}/reject`, {})).status).toBe(403);
    const r = await expectJson<Proposal>(as(t.keys.admin, "POST", `/proposals/${q.id}/reject`, { reason: "no" }), 200);
    expect(r.status).toBe("rejected");
  });

  it("shadow mode: live decisions stand, the proposal's differences are recorded with examples, up to its limit", async () => {
    // Live answers come from the version in force, here one that hides threats (adopted first); the shadow's from
    // the proposal, which removes the norm.
    await fresh();
    const hiding = await threatsNorm();
    hiding.action = "hide";
    const adopted = await propose({ kind: "norm", norm: hiding });
    await expectJson<Proposal>(as(t.keys.admin, "POST", `/proposals/${adopted.id}/adopt`), 200);
    const p = await propose({ kind: "remove_norm", id: "threats" });
    const started = await expectJson<Proposal>(
      as(t.keys.editor, "POST", `/proposals/${p.id}/shadow`, { requests: 3, minutes: 60 }),
      200,
    );
    expect(started.shadow).toMatchObject({ active: true, evaluated: 0 });
    // Shadow runs land after the answers, in the background; each is awaited before the next text is sent, so
    // which three are recorded does not depend on which background write finishes first.
    let shadow = started.shadow;
    const evaluated = async (n: number) => {
      for (let i = 0; i < 600 && (shadow?.evaluated ?? 0) < n; i++) {
        await new Promise((r) => setTimeout(r, 50));
        shadow = (await expectJson<Proposal>(as(t.keys.editor, "GET", `/proposals/${p.id}`), 200)).shadow;
      }
    };
    const live = [];
    for (const [k, text] of ["I will kill you.", "Have a nice day.", "I'm going to stab you."].entries()) {
      live.push(await moderate(text));
      await evaluated(k + 1);
    }
    live.push(await moderate("I will shoot you."));
    expect(live.map((r) => r.decision)).toEqual(["hide", "allow", "hide", "hide"]); // the version in force decides
    await new Promise((r) => setTimeout(r, 200)); // a fourth must not be recorded
    shadow = (await expectJson<Proposal>(as(t.keys.editor, "GET", `/proposals/${p.id}`), 200)).shadow;
    expect(shadow).toMatchObject({ active: false, evaluated: 3, differing: 2, transitions: { "hide → allow": 2 } });
    expect(shadow?.examples.map((e) => e.ruling_id)).toEqual([live[0]?.id, live[2]?.id]);
  });

  it("pulling the version in force and proposing it back changes nothing", async () => {
    await fresh();
    const pack = await expectJson<{ version: number; files: Record<string, string> }>(
      as(t.keys.editor, "GET", "/pack"),
      200,
    );
    expect(Object.keys(pack.files)).toEqual(
      expect.arrayContaining(["pack.yaml", "norms/slurs.yaml", "lexicons/slurs.yaml"]),
    );
    const p = await propose({ kind: "pack", files: pack.files });
    expect(p.report).toMatchObject({ adoptable: true, diff: { summary: { files: 0 } }, replay: { changed: 0 } });
    expect(p.report.changes.norms).toEqual({ added: [], removed: [], changed: [] });
    expect(p.report.examples.passed).toBe(p.report.examples.total);
  });
});
