import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { PatternSet } from "../../src/facts/pattern-set.js";
import { readPackDir } from "../../src/norms/load-pack.js";
import { formatPackError } from "../../src/norms/pack-error.js";
import { parsePack } from "../../src/norms/parse-pack.js";
import { repoPath } from "../helpers/packs.js";

type Bombs = { refused: string[]; linear: Array<{ regex: string; matches: string[]; misses: string[] }> };
const bombs: Bombs = parse(await readFile(repoPath("test/fixtures/pattern-bombs.yaml"), "utf8"));

/** A patterns.yaml whose second pattern (line 7, path patterns[1].regex) is `regex`. */
const patternsYaml = (regex: string) =>
  [
    "patterns:",
    "  - id: url",
    "    description: A web address.",
    "    regex: 'www\\.'",
    "  - id: bomb",
    "    description: An editor's pattern.",
    `    regex: ${JSON.stringify(regex)}`,
  ].join("\n");

const minimal = await readPackDir(repoPath("test/fixtures/packs/minimal"));
const check = (regex: string) => parsePack({ ...minimal, "patterns.yaml": patternsYaml(regex) }, "p").errors;

describe("norm patterns run in linear time", () => {
  it.each(bombs.refused)("a pack with %s is refused, naming file, line and path", (regex) => {
    const errors = check(regex).map(formatPackError);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^p\/patterns\.yaml:7 patterns\[1\]\.regex: cannot run in linear time: /);
  });

  it("a pattern that is not a regular expression says so", () => {
    expect(check("(a").map(formatPackError)[0]).toMatch(
      /^p\/patterns\.yaml:7 patterns\[1\]\.regex: not a valid regular expression: /,
    );
  });

  it.each(bombs.linear)("$regex is accepted and still means what it says", ({ regex, matches, misses }) => {
    expect(check(regex)).toEqual([]);
    const set = new PatternSet([{ id: "bomb", regex }]);
    for (const text of matches) expect(set.matching(text), text).toEqual(["bomb"]);
    for (const text of misses) expect(set.matching(text), text).toEqual([]);
  });

  it("flags apply to each pattern alone, also when the patterns are tried together first", () => {
    const set = new PatternSet([
      { id: "shout", regex: "^hey$", flags: "im" },
      { id: "dot-all", regex: "a.b", flags: "s" },
      { id: "exact", regex: "Hey" },
    ]);
    expect(set.matching("x\nHEY\ny")).toEqual(["shout"]);
    expect(set.matching("a\nb")).toEqual(["dot-all"]);
    expect(set.matching("hey")).toEqual(["shout"]);
    expect(set.matching("Hey\na\nb")).toEqual(["shout", "dot-all", "exact"]);
  });
});

describe("mores norms check", () => {
  it("refuses a pack whose pattern needs backtracking, without a stack trace", async () => {
    const dir = await mkdtemp(join(tmpdir(), "mores-pack-"));
    await cp(repoPath("test/fixtures/packs/minimal"), dir, { recursive: true });
    await writeFile(join(dir, "patterns.yaml"), patternsYaml(bombs.refused[0] as string));
    const failed = await promisify(execFile)("node", [repoPath("bin/mores.js"), "norms", "check", dir]).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain(`${dir}/patterns.yaml:7 patterns[1].regex: cannot run in linear time`);
    expect(failed?.stderr).not.toMatch(/\n\s+at /);
  });
});
