import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoPath } from "../helpers/packs.js";
import { runCli } from "../helpers/run-cli.js";

// Every command, as a user would type it before --help. Each must print its own usage and touch nothing.
const COMMANDS = [
  [],
  ["norms"],
  ["norms", "check"],
  ["norms", "test"],
  ["norms", "schema"],
  ["norms", "pull"],
  ["norms", "push"],
  ["judge"],
  ["db"],
  ["db", "setup"],
  ["keys"],
  ["keys", "rotate-operator"],
  ["eval"],
  ["openapi"],
];

describe("mores --help, --version and bad command lines", () => {
  const home = process.cwd();
  let dir: string;
  // In an empty folder, so "writes nothing" is checked by listing it (norms schema --help once wrote ./--help/).
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "mores-cli-"));
    process.chdir(dir);
  });
  afterAll(() => process.chdir(home));

  for (const cmd of COMMANDS) {
    for (const flag of ["--help", "-h"]) {
      it(`mores ${[...cmd, flag].join(" ")} prints its usage, exits 0 and writes no file`, async () => {
        const r = await runCli(...cmd, flag);
        expect(r.code).toBe(0);
        expect(r.stderr).toBe("");
        const named = cmd.length === 0 ? "mores" : `mores ${cmd.join(" ")}`;
        expect(r.stdout).toContain(cmd.length === 0 ? "Usage:" : "usage:");
        if (cmd.length > 0)
          expect(r.stdout).toContain(
            cmd[0] === "db" ? "mores db setup" : cmd[0] === "keys" ? "mores keys rotate-operator" : named,
          );
        expect(await readdir(dir)).toEqual([]);
      });
    }
  }

  it("--help wins over a missing argument or an unknown option next to it", async () => {
    const r = await runCli("norms", "push", "--bogus", "--help");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("usage: mores norms push");
  });

  it("--version prints the package version", async () => {
    const { version } = JSON.parse(await readFile(repoPath("package.json"), "utf8"));
    const r = await runCli("--version");
    expect(r).toMatchObject({ code: 0, stdout: `mores ${version}\n` });
  });

  it.each([
    [["frobnicate"], 'unknown command "frobnicate"'],
    [["--frobnicate"], 'unknown option "--frobnicate"'],
    [["norms", "frobnicate"], 'unknown command "norms frobnicate"'],
    [["db", "frobnicate"], 'unknown command "db frobnicate"'],
    [["keys", "frobnicate"], 'unknown command "keys frobnicate"'],
    [["keys", "rotate-operator", "--frobnicate"], "'--frobnicate'"],
    [["norms", "check", "--frobnicate"], "'--frobnicate'"],
    [["norms", "check", "a", "b"], 'unexpected argument "b"'],
    [["norms", "pull", "x", "--community", "c", "--key", "k", "--frobnicate"], "'--frobnicate'"],
    [["judge", "--frobnicate"], "'--frobnicate'"],
    [["judge", "--text", "hi"], "--norm and --text are required"],
    [["eval", "cases.jsonl", "--frobnicate"], "'--frobnicate'"],
  ])("mores %j exits 2 naming the problem, with the usage on stderr", async (args, named) => {
    const r = await runCli(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(named);
    expect(r.stderr).toMatch(/usage/i);
    expect(await readdir(dir)).toEqual([]);
  });
});
