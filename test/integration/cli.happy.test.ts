import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { packJsonSchemas } from "../../src/norms/json-schema.js";
import { repoPath } from "../helpers/packs.js";

const run = async (...args: string[]) => {
  try {
    const { stdout, stderr } = await promisify(execFile)("node", [repoPath("bin/mores.js"), ...args], {
      cwd: repoPath("."),
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
};

describe("mores CLI", () => {
  it("norms check accepts the default pack", async () => {
    const r = await run("norms", "check", "norms/default");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/norms\/default: ok — 7 norms, \d+ lexicons \(\d+ terms\)/);
  });

  it("norms check names file, line, path and problem for a broken norm, without a stack trace", async () => {
    const dir = await mkdtemp(join(tmpdir(), "mores-pack-"));
    await cp(repoPath("test/fixtures/packs/minimal"), dir, { recursive: true });
    const file = join(dir, "norms/hostility.yaml");
    await writeFile(file, (await readFile(file, "utf8")).replace("fact: group_derogation", "fact: group_derogaton"));
    const r = await run("norms", "check", dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${dir}/norms/hostility.yaml:6 triggers.all[0].fact: unknown fact "group_derogaton"`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("norms test prints a per-norm table and the summary", async () => {
    const r = await run("norms", "test", "test/fixtures/packs/minimal");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^norm\s+examples\s+passed\s+failed/m);
    expect(r.stdout).toMatch(/^slurs\s+2\s+2\s+0\s+1\/0\/1\/0/m);
    expect(r.stdout).toContain("4 passed, 0 failed");
  });

  it("norms test fails, naming the example, when an expectation is wrong", async () => {
    const dir = await mkdtemp(join(tmpdir(), "mores-pack-"));
    await cp(repoPath("test/fixtures/packs/minimal"), dir, { recursive: true });
    const file = join(dir, "norms/hostility.yaml");
    await writeFile(
      file,
      (await readFile(file, "utf8")).replace(
        '{ text: "I hate women", expect: violated }',
        '{ text: "I hate women", expect: not_engaged }',
      ),
    );
    const r = await run("norms", "test", dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("FAIL hostility example 0: expected not_engaged, got violated");
  });

  it("the README documents every fact a norm can use", async () => {
    const { FACT_CATALOGUE } = await import("../../src/domain/facts.js");
    const readme = await readFile(repoPath("README.md"), "utf8");
    for (const fact of Object.keys(FACT_CATALOGUE)) expect(readme, fact).toContain(`| \`${fact}\` |`);
  });

  it("the committed JSON Schemas are the ones the zod schemas generate", async () => {
    for (const [name, schema] of Object.entries(packJsonSchemas())) {
      const committed = JSON.parse(await readFile(repoPath(`norms/schema/${name}`), "utf8"));
      expect(committed, `${name} is stale: run npm run norms:schema`).toEqual(schema);
    }
  });
});
