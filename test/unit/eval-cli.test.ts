import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoPath } from "../helpers/packs.js";
import { runEval } from "../helpers/run-cli.js";

const mores = runEval;

const CASES = repoPath("test/fixtures/eval/minimal-pack-cases.jsonl");
const MINIMAL = repoPath("test/fixtures/packs/minimal");

describe("mores eval", () => {
  it("judges a file with a pack in-process and prints the figures, the per-category table and the misses", async () => {
    const r = await mores(CASES, "--pack", MINIMAL);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("8 cases, judged by");
    expect(r.stdout).toMatch(/hateful caught \(block or review\)\s+2\/3\s+66\.7%/);
    expect(r.stdout).toMatch(/non-hateful blocked\s+0\/4\s+0\.0%/);
    // The reclaimed slur needs judgment; with no model it goes to a person.
    expect(r.stdout).toMatch(/^reclaimed\s+1\s+non-hateful\s+0\.0%\s+100\.0%\s+0\.0%/m);
    expect(r.stdout).toMatch(/^slur-attack\s+1\s+hateful\s+0\.0%\s+0\.0%\s+100\.0%/m);
    expect(r.stdout).toContain("hateful, allowed:\n  [derogation] allow  every last one of them should be deported");
  });

  it("prints every case with its verdict as JSON", async () => {
    const r = await mores(CASES, "--pack", MINIMAL, "--json");
    const json = JSON.parse(r.stdout);
    expect(json.summary.hateful).toEqual({ n: 3, caught: 2, blocked: 2, reviewed: 0 });
    expect(json.cases).toHaveLength(8);
    expect(json.cases[4]).toMatchObject({ text: "im a proud dyke", verdict: "review", decision: "review" });
    expect(json.cases[7]).toMatchObject({ category: "abuse-individual", expected: "block", met: true });
  });

  it("compares two packs: a norm softened from hide to label lets a hateful case through", async () => {
    const softer = await mkdtemp(join(tmpdir(), "mores-eval-pack-"));
    await cp(MINIMAL, softer, { recursive: true });
    const file = join(softer, "norms/hostility.yaml");
    await writeFile(file, (await readFile(file, "utf8")).replace("action: hide", "action: label"));

    const json = JSON.parse((await mores(CASES, "--pack", MINIMAL, "--compare", softer, "--json")).stdout);
    expect(json.changed).toEqual([
      {
        source: `${CASES}:2`,
        text: "I hate women",
        category: "derogation",
        label: "hateful",
        a: "hide",
        b: "label",
        change: "broken",
      },
    ]);
    expect([json.a.summary.hateful.caught, json.b.summary.hateful.caught]).toEqual([2, 1]);

    const text = (await mores(CASES, "--pack", MINIMAL, "--compare", softer)).stdout;
    expect(text).toContain("1 cases changed decision: 0 fixed, 1 broken, 0 moved");
    expect(text).toMatch(/^derogation\s+2\s+50\.0%→100\.0% \+1/m);
  });

  it("judges only the categories asked for, by name or by prefix", async () => {
    const json = JSON.parse((await mores(CASES, "--pack", MINIMAL, "--category", "neutral,slur-*", "--json")).stdout);
    expect(json.cases.map((c: { category: string }) => c.category)).toEqual(["slur-attack", "neutral", "neutral"]);
    expect((await mores(CASES, "--pack", MINIMAL, "--category", "nothing")).stderr).toContain("no cases to judge");
  });

  it("reads the bench corpus shape and CSV files, and a folder of them", async () => {
    const dir = await mkdtemp(join(tmpdir(), "mores-eval-"));
    await writeFile(join(dir, "a.csv"), 'text,label,author_groups\n"im a proud dyke",benign,lesbian\n');
    await writeFile(join(dir, "b.jsonl"), '{"text":"you faggot","label":"abusive"}\n');
    await writeFile(join(dir, "notes.txt"), "ignored");
    const r = await mores(dir, "--pack", MINIMAL, "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).cases.map((c: { verdict: string; source: string }) => [c.source, c.verdict])).toEqual([
      [join(dir, "a.csv:2"), "review"],
      [join(dir, "b.jsonl:1"), "block"],
    ]);
  });

  it("says what is wrong, without a stack trace, for bad input and bad flags", async () => {
    const dir = await mkdtemp(join(tmpdir(), "mores-eval-"));
    await writeFile(join(dir, "bad.jsonl"), '{"text":"fine"}\n{"txt":"typo"}\n');
    const bad = await mores(join(dir, "bad.jsonl"), "--pack", MINIMAL);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`${join(dir, "bad.jsonl")}: line 2: text:`);
    expect(bad.stdout).toBe("");
    expect((await mores()).code).toBe(2);
    expect((await mores(CASES, "--compare", "3")).stderr).toContain("needs a service");
    expect((await mores(CASES, "--community", "default")).stderr).toContain("key");
    expect((await mores(CASES, "--community", "c", "--key", "k", "--pack", MINIMAL)).stderr).toContain("not both");
    expect((await mores(CASES, "--community", "c", "--key", "k", "--url", "ftp://x")).stderr).toContain("http(s) URL");
    const unknownPack = await mores(CASES, "--pack", join(dir, "missing"));
    expect(unknownPack.code).toBe(1);
    expect(unknownPack.stderr).toContain("cannot read the pack folder");
    expect((await mores("--help")).stdout).toContain("usage: mores eval");
  });
});
