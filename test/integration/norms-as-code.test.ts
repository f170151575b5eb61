import { spawn } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readPackDir } from "../../src/norms/load-pack.js";
import { parsePack } from "../../src/norms/parse-pack.js";
import { repoPath } from "../helpers/packs.js";
import { backends } from "../support/backends.js";
import { startService, type TestService } from "../support/service.js";
import { expectJson, newTenant, type Tenant } from "../support/tenants.js";

type Run = { code: number | null; stdout: string; stderr: string };
type NormVersions = { current_version: number; versions: Array<{ version: number; norm: { action: string } }> };

/** Runs the real CLI in a child process, as a user (or a CI job) would, with MORES_KEY set only when given. */
function mores(args: string[], key?: string): Promise<Run> {
  const { MORES_KEY: _key, MORES_URL: _url, ...env } = process.env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", repoPath("src/cli/main.ts"), ...args], {
      cwd: repoPath("."),
      env: { ...env, ...(key ? { MORES_KEY: key } : {}) },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * On PGlite only: the CLI speaks HTTP, so the service's database changes nothing it does, and each run is a
 * process start. The endpoints it calls (GET /pack, pack proposals with replay, adopt) run on PostgreSQL in
 * proposals.happy and patterns.security.
 */
const onPglite = backends().filter((b) => b.name === "pglite");

// Each test starts CLI processes: seconds each here, far more on a machine shared by many jobs.
describe.each(onPglite)("norms as code (mores norms pull/push) on $name", { timeout: 120_000 }, (backend) => {
  let svc: TestService;
  let t: Tenant;
  let pulled: string;
  let pull: Run;
  const runs: Run[] = [];
  const tenants: Tenant[] = [];
  const cliOn = async (on: Tenant, key: string | undefined, ...args: string[]) => {
    const r = await mores([...args, "--community", on.id, "--url", svc.base], key);
    runs.push(r);
    return r;
  };
  const cli = (key: string | undefined, ...args: string[]) => cliOn(t, key, ...args);
  /** A copy of the pulled folder with one file edited; fails if the edit does not apply. */
  const edited = async (file: string, from: string, to: string) => {
    const dir = await mkdtemp(join(tmpdir(), "mores-push-"));
    await cp(pulled, dir, { recursive: true });
    const text = await readFile(join(dir, file), "utf8");
    expect(text).toContain(from);
    await writeFile(join(dir, file), text.replace(from, to));
    return dir;
  };

  // The version in force is pulled once, before any test, so every test edits a copy of version 1 whatever the
  // order; the test that adopts a change does it in a community of its own.
  beforeAll(async () => {
    svc = await startService(backend);
    t = await newTenant(svc, "git-norms");
    tenants.push(t);
    pulled = await mkdtemp(join(tmpdir(), "mores-pull-"));
    pull = await cli(t.keys.editor, "norms", "pull", pulled);
  });
  afterAll(() => svc?.close());

  it("pull writes the version in force as a pack folder that loads, and pushing it back changes nothing", async () => {
    expect(pull.code, pull.stderr).toBe(0);
    expect(pull.stdout).toMatch(/^pulled git-norms version 1 \(\d+ files\) into /);
    expect(await readdir(pulled)).toEqual(expect.arrayContaining(["pack.yaml", "norms", "lexicons"]));
    expect(await readdir(join(pulled, "norms"))).toContain("threats.yaml");
    expect((await readdir(join(pulled, "lexicons"))).length).toBeGreaterThan(0);
    expect(parsePack(await readPackDir(pulled), pulled).errors).toEqual([]);
    // Editor validation works wherever the folder lives: every hint resolves to a schema pulled beside the pack.
    expect(await readdir(join(pulled, "schema"))).toEqual(expect.arrayContaining(["norm.schema.json"]));
    for (const [path, text] of Object.entries(await readPackDir(pulled))) {
      const hint = /^# yaml-language-server: \$schema=(\S+)$/m.exec(text)?.[1];
      expect(hint, path).toBeDefined();
      const target = join(pulled, path, "..", hint as string);
      expect(target.startsWith(join(pulled, "schema")), `${path} → ${hint}`).toBe(true);
      expect(JSON.parse(await readFile(target, "utf8"))).toHaveProperty("$schema");
    }

    const push = await cli(t.keys.editor, "norms", "push", pulled);
    expect(push.code, push.stderr).toBe(0);
    expect(push.stdout).toMatch(/^proposal prp_\S+ "push from .+": open$/m);
    expect(push.stdout).toContain("base version: 1");
    expect(push.stdout).toContain("none: the pack equals the base version");
    expect(push.stdout).toContain("diff: 0 files, +0 -0");
    expect(push.stdout).toMatch(/^examples: (\d+) of \1 passed$/m);
    expect(push.stdout).toMatch(/^adoptable: yes$/m);
  });

  it("an edited norm shows as changed with the rulings it would change, and --adopt puts it in force", async () => {
    const a = await newTenant(svc, "git-norms-adopted");
    tenants.push(a);
    const ruling = await expectJson<{ decision: string }>(
      svc.send("POST", `${a.path}/moderate`, { key: a.keys.platform, body: { content: { text: "I will kill you." } } }),
      201,
    );
    expect(ruling.decision).toBe("remove");
    const dir = await edited("norms/threats.yaml", "action: remove", "action: hide");

    const push = await cliOn(
      a,
      a.keys.editor,
      "norms",
      "push",
      dir,
      "--title",
      "threats: hide instead of remove",
      "--diff",
    );
    expect(push.code, push.stderr).toBe(0);
    expect(push.stdout).toContain('"threats: hide instead of remove": open');
    expect(push.stdout).toContain("norms: changed threats");
    expect(push.stdout).toMatch(/^ {2}changed\s+norms\/threats\.yaml\s+\+1 -1$/m);
    expect(push.stdout).toContain("-action: remove\n+action: hide");
    expect(push.stdout).toMatch(/^ {2}remove → hide: 1$/m);
    expect(push.stdout).toMatch(/^ {2}rul_\S+ {2}remove → hide$/m);
    expect(push.stdout).toMatch(/^adoptable: yes$/m);

    const adopt = await cliOn(a, a.keys.admin, "norms", "push", dir, "--adopt");
    expect(adopt.code, adopt.stderr).toBe(0);
    expect(adopt.stdout).toMatch(/^adopted prp_\S+: version 2 is in force$/m);
    const threats = await expectJson<NormVersions>(
      svc.send("GET", `${a.path}/norms/threats`, { key: a.keys.platform }),
      200,
    );
    expect(threats.current_version).toBe(2);
    expect(threats.versions.find((v) => v.version === 2)?.norm.action).toBe("hide");
  });

  it("a push that breaks an example is not adoptable, and says which example fails and why", async () => {
    // The fiction-or-game exception's `kind` list; the channel list is [ fiction, roleplay, gaming ].
    const dir = await edited("norms/threats.yaml", "value: [ fiction, story, game, roleplay ]", "value: [ poetry ]");
    const push = await cli(t.keys.editor, "norms", "push", dir, "--adopt");
    expect(push.code).toBe(1);
    expect(push.stdout).toMatch(/^adoptable: no$/m);
    expect(push.stdout).toMatch(/FAIL threats example \d+: expected needs_judgment \(fiction-or-game\), got \w+/);
    expect(push.stdout).toContain('"The knight swore he would slay them all at dawn."');
    expect(push.stdout).toMatch(/^ {2}- example \d+ of norm "threats" fails: /m);
    expect(push.stderr).toContain("not adopted");
  });

  it("a YAML syntax error is refused, naming the local file and line", async () => {
    const dir = await edited("norms/threats.yaml", "severity: critical", "severity: [critical");
    const push = await cli(t.keys.editor, "norms", "push", dir);
    expect(push.code).toBe(1);
    expect(push.stderr).toContain("HTTP 422 proposal_invalid");
    expect(push.stderr).toMatch(new RegExp(`${dir}/norms/threats\\.yaml:\\d+ column \\d+: a \\[ list is not closed`));
    expect(push.stderr).toMatch(/\| severity: \[critical\n\s+\| {20}\^/);
    // Said once: the problem's detail repeats the first errors, so the CLI prints only the list.
    expect(push.stderr.split("a [ list is not closed").length - 1).toBe(1);
  });

  it("without a key push is a usage error; a key is never printed, even when it is refused", async () => {
    const [none, bogus] = await Promise.all([
      cli(undefined, "norms", "push", pulled),
      cli(`${t.keys.editor}x`, "norms", "push", pulled),
    ]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("MORES_KEY");
    expect(none.stderr).toContain("usage: mores norms push <dir>");
    expect(bogus.code).toBe(1);
    expect(bogus.stderr).toContain("HTTP 401 unauthenticated");
    for (const r of runs)
      for (const key of tenants.flatMap((x) => Object.values(x.keys))) {
        expect(r.stdout).not.toContain(key.slice(-43));
        expect(r.stderr).not.toContain(key.slice(-43));
      }
  });
});
