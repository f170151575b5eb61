import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoPath } from "../helpers/packs.js";
import { runEval } from "../helpers/run-cli.js";
import { backends } from "../support/backends.js";
import { startService, type TestService } from "../support/service.js";
import { newTenant, type Tenant } from "../support/tenants.js";

const mores = runEval;

type Json = { cases: Array<{ decision: string; verdict: string }>; changed: unknown[] };

// PGlite only: the point is the HTTP path of the harness, not the database.
const [pglite] = backends();

describe("mores eval against a running service", () => {
  let svc: TestService;
  let t: Tenant;
  let cases: string;

  beforeAll(async () => {
    svc = await startService(pglite as NonNullable<typeof pglite>);
    t = await newTenant(svc, "eval-remote");
    // 150 bench messages: more than one batch of 100, with benign, abusive and contextual cases.
    const lines = (await readFile(repoPath("bench/corpus.jsonl"), "utf8")).split("\n").slice(0, 150);
    cases = join(await mkdtemp(join(tmpdir(), "mores-eval-")), "slice.jsonl");
    await writeFile(cases, `${lines.join("\n")}\n`);
  }, 60_000);
  afterAll(() => svc?.close());

  it("gets, case by case, the decisions the same pack gives in-process (no model on either side)", async () => {
    const remote = await mores(cases, "--community", t.id, "--url", svc.base, "--key", t.keys.admin, "--json");
    expect(remote.stderr).toBe("");
    const local = await mores(cases, "--pack", repoPath("norms/default"), "--json");
    const r = JSON.parse(remote.stdout) as Json;
    const l = JSON.parse(local.stdout) as Json;
    expect(r.cases).toHaveLength(150);
    expect(r.cases.map((c) => c.decision)).toEqual(l.cases.map((c) => c.decision));
    expect(new Set(r.cases.map((c) => c.verdict))).toEqual(new Set(["allow", "block", "review"]));
    expect((await svc.rowCounts()).rulings).toBeGreaterThanOrEqual(150);
  }, 60_000);

  it("compares the norm set in force with a stored version of it: nothing changes against itself", async () => {
    const r = await mores(cases, "--community", t.id, "--url", svc.base, "--key", t.keys.admin, "--compare", "1");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("0 cases changed decision");
    expect(r.stdout).toContain(`B:\n  150 cases, judged by ${t.id} version 1 (in-process`);
  }, 60_000);

  it("fails with the service's problem, and never prints the key", async () => {
    const key = "mores_key_not_a_real_key_0123456789";
    const r = await mores(cases, "--community", t.id, "--url", svc.base, "--key", key);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("HTTP 401 unauthenticated");
    expect(r.stderr).not.toContain(key);
    const missing = await mores(
      cases,
      "--community",
      t.id,
      "--url",
      svc.base,
      "--key",
      t.keys.admin,
      "--compare",
      "99",
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/HTTP 404/);
  }, 60_000);
});
