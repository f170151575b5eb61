import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpTargets } from "../support/http-targets.js";
import type { TestService } from "../support/service.js";
import { expectJson, newTenant, type Tenant } from "../support/tenants.js";

type Problem = { code: string; detail: string; errors?: string[] };

describe.each(httpTargets())("bad proposals on $name", (target) => {
  let svc: TestService;
  let t: Tenant;
  const submit = (body: unknown) => svc.send("POST", `${t.path}/proposals`, { key: t.keys.editor, body });
  const stored = async () =>
    (await expectJson<{ data: unknown[] }>(svc.send("GET", `${t.path}/proposals`, { key: t.keys.editor }), 200)).data
      .length;
  const audited = async () =>
    (await expectJson<{ data: unknown[] }>(svc.send("GET", `${t.path}/audit?limit=200`, { key: t.keys.admin }), 200))
      .data.length;

  beforeAll(async () => {
    svc = await target.start();
    t = await newTenant(svc, "careful");
  });
  afterAll(() => svc?.close());

  it("an invalid norm is refused with every problem located by file and line, and nothing is stored", async () => {
    const before = [await stored(), await audited()];
    const yaml = [
      "id: threats",
      "title: No threats",
      "statement: Do not threaten.",
      "function: { protects: [safety], purpose: Keep people safe. }",
      "justification: [Threats silence people.]",
      "triggers:",
      "  all:",
      "    - { fact: threatt, operator: equal, value: true }",
      "action: obliterate",
      "severity: critical",
    ].join("\n");
    const res = await submit({ title: "typo", change: { kind: "norm", norm: yaml } });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const body = (await res.json()) as Problem;
    expect(body.code).toBe("proposal_invalid");
    expect(body.errors?.join("\n")).toMatch(/^proposal\/norms\/threats\.yaml:9 action: /m);
    expect([await stored(), await audited()]).toEqual(before);
  });

  it("unknown facts and YAML syntax errors name the line", async () => {
    const current = await expectJson<{ files: Record<string, string> }>(
      svc.send("GET", `${t.path}/pack`, { key: t.keys.editor }),
      200,
    );
    const threats = current.files["norms/threats.yaml"] as string;
    const unknownFact = await submit({
      title: "x",
      change: { kind: "norm", norm: threats.replace("fact: threat,", "fact: menace,") },
    });
    const problem = (await unknownFact.json()) as Problem;
    expect(problem.code).toBe("proposal_invalid");
    expect(problem.errors?.join("\n")).toMatch(/threats\.yaml:\d+ triggers.*menace/);
    const broken = await submit({ title: "x", change: { kind: "norm", norm: `${threats}\n  - : [unclosed` } });
    const syntax = (await broken.json()) as Problem;
    // The parser may find more than one mistake here; each is said once, with its source line and a caret.
    const errors = syntax.errors ?? [];
    expect(new Set(errors).size).toBe(errors.length);
    for (const e of errors)
      expect(e).toMatch(/^proposal\/norms\/threats\.yaml:\d+ column \d+: .+\n {4}\d+ \| .*\n {4} +\| +\^$/);
    expect(errors.at(-1)).toMatch(/\| {3}- : \[unclosed\n/);
    expect(syntax.detail).not.toContain("\n");
  });

  it("a term listed twice in a lexicon is refused, named by file and line", async () => {
    const current = await expectJson<{ files: Record<string, string> }>(
      svc.send("GET", `${t.path}/pack`, { key: t.keys.editor }),
      200,
    );
    const files = { ...current.files };
    const [path, text] = Object.entries(files).find(
      ([p, f]) => p.startsWith("lexicons/") && /^ {2}- \{ term: /m.test(f),
    ) as [string, string];
    const line = text.split("\n").find((l) => l.startsWith("  - { term: ") && !l.includes("variants")) as string;
    files[path] = text.replace(line, `${line}\n${line}`);
    const res = await submit({ title: "dup", change: { kind: "pack", files } });
    expect(res.status).toBe(422);
    expect(((await res.json()) as Problem).errors).toEqual([
      expect.stringMatching(
        new RegExp(`^proposal/${path.replace(/\./g, "\\.")}:\\d+ terms\\[\\d+\\]\\.term: duplicate term "`),
      ),
    ]);
  });

  it("removing a norm that is not in force, or a malformed change, changes nothing", async () => {
    const before = await stored();
    const missing = await submit({ title: "x", change: { kind: "remove_norm", id: "no-such-norm" } });
    expect(missing.status).toBe(422);
    for (const body of [
      { title: "x" },
      { title: "x", change: { kind: "everything" } },
      { title: "", change: { kind: "remove_norm", id: "threats" } },
      { title: "x", change: { kind: "pack", files: { "../../etc/passwd.yaml": "x" } } },
    ]) {
      const res = await submit(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as Problem).code).toBe("invalid_request");
    }
    const nopack = await submit({ title: "x", change: { kind: "pack", files: { "norms/a.yaml": "id: a" } } });
    expect(((await nopack.json()) as Problem).errors?.join("\n")).toMatch(/pack\.yaml: missing/);
    expect(await stored()).toBe(before);
  });

  it("unknown proposals are 404, and a closed proposal cannot be shadowed, approved or adopted", async () => {
    const missing = await svc.send("GET", `${t.path}/proposals/prp_00000000000000000000000000`, { key: t.keys.editor });
    expect(missing.status).toBe(404);
    const p = await expectJson<{ id: string }>(
      submit({ title: "x", change: { kind: "remove_norm", id: "doxxing" } }),
      201,
    );
    await expectJson(svc.send("POST", `${t.path}/proposals/${p.id}/withdraw`, { key: t.keys.editor }), 200);
    for (const [path, key] of [
      ["shadow", t.keys.editor],
      ["approve", t.keys.editor2],
      ["adopt", t.keys.admin],
    ] as const) {
      const res = await svc.send("POST", `${t.path}/proposals/${p.id}/${path}`, { key });
      expect(res.status, path).toBe(409);
      expect(((await res.json()) as Problem).code).toBe("proposal_closed");
    }
  });

  it("an editor's adopt is refused naming the real path and the role it needs", async () => {
    const p = await expectJson<{ id: string }>(
      submit({ title: "x", change: { kind: "remove_norm", id: "doxxing" } }),
      201,
    );
    const res = await svc.send("POST", `${t.path}/proposals/${p.id}/adopt`, { key: t.keys.editor });
    expect(res.status).toBe(403);
    expect(((await res.json()) as Problem).detail).toBe(
      `an editor key may not POST ${t.path}/proposals/${p.id}/adopt: it needs the admin role`,
    );
  });
});
