import { describe, expect, it } from "vitest";
import { readPackDir } from "../../src/norms/load-pack.js";
import { diffPackFiles, summariseDiff } from "../../src/norms/pack-diff.js";
import { packToFiles } from "../../src/norms/pack-files.js";
import { parsePack } from "../../src/norms/parse-pack.js";
import { repoPath } from "../helpers/packs.js";

const text = (...lines: string[]) => lines.map((l) => `${l}\n`).join("");
const letters = "abcdefghijklmnopqrstuvwxyz".split("");

/** Applies a unified patch to a text the way `patch` would, so patches are checked by what they do. */
function apply(before: string, patch: string): string {
  const old = before === "" ? [] : before.replace(/\n$/, "").split("\n");
  const out: string[] = [];
  let at = 0;
  for (const line of patch.split("\n").slice(2, -1)) {
    const hunk = /^@@ -(\d+),(\d+) \+\d+,\d+ @@$/.exec(line);
    if (hunk) {
      const start = Number(hunk[1]) - (Number(hunk[2]) > 0 ? 1 : 0);
      out.push(...old.slice(at, start));
      at = start;
    } else if (line.startsWith("+")) out.push(line.slice(1));
    else {
      expect(old[at], `patch line "${line}"`).toBe(line.slice(1));
      if (line.startsWith(" ")) out.push(line.slice(1));
      at++;
    }
  }
  return text(...out, ...old.slice(at));
}

describe("diffing two versions of a pack's files", () => {
  it("finds nothing between identical files", () => {
    const files = { "pack.yaml": text("id: x"), "norms/a.yaml": text("id: a") };
    expect(diffPackFiles(files, { ...files })).toEqual([]);
    expect(summariseDiff([])).toEqual({ files: 0, added_lines: 0, removed_lines: 0 });
  });

  it("reports one changed line with three lines of context and a correct hunk header", () => {
    const before = text(...letters.slice(0, 10));
    const after = before.replace("e\n", "E\n");
    const [d] = diffPackFiles({ "x.yaml": before }, { "x.yaml": after });
    expect(d).toEqual({
      file: "x.yaml",
      change: "changed",
      added_lines: 1,
      removed_lines: 1,
      patch: text("--- a/x.yaml", "+++ b/x.yaml", "@@ -2,7 +2,7 @@", " b", " c", " d", "-e", "+E", " f", " g", " h"),
    });
  });

  it("splits distant changes into hunks and merges close ones", () => {
    const before = text(...letters);
    const after = text(...letters.map((l) => (["b", "k", "m"].includes(l) ? l.toUpperCase() : l)));
    const headers = diffPackFiles({ f: before }, { f: after })[0]?.patch.match(/^@@.*@@$/gm);
    expect(headers).toEqual(["@@ -1,5 +1,5 @@", "@@ -8,9 +8,9 @@"]);
  });

  it("shows added and removed files in full, sorted by path", () => {
    const d = diffPackFiles({ "b.yaml": text("x", "y") }, { "a.yaml": text("id: a") });
    expect(d.map((f) => [f.file, f.change, f.added_lines, f.removed_lines])).toEqual([
      ["a.yaml", "added", 1, 0],
      ["b.yaml", "removed", 0, 2],
    ]);
    expect(d[0]?.patch).toBe(text("--- /dev/null", "+++ b/a.yaml", "@@ -0,0 +1,1 @@", "+id: a"));
    expect(d[1]?.patch).toBe(text("--- a/b.yaml", "+++ /dev/null", "@@ -1,2 +0,0 @@", "-x", "-y"));
    expect(summariseDiff(d)).toEqual({ files: 2, added_lines: 1, removed_lines: 2 });
  });

  it("says when a file loses its final newline", () => {
    const patch = diffPackFiles({ f: text("a", "b") }, { f: "a\nb" })[0]?.patch;
    expect(patch).toBe(text("--- a/f", "+++ b/f", "@@ -1,2 +1,2 @@", " a", "-b", "+b", "\\ No newline at end of file"));
  });

  it("produces patches that turn the old file into the new one", () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 200; round++) {
      const before = Array.from({ length: random(30) }, () => letters[random(5)] as string);
      const after = before.flatMap((l) => [[], [l], [l, letters[random(5)] as string], ["z"]][random(4)] as string[]);
      const [d] = diffPackFiles({ f: text(...before) }, { f: text(...after) });
      if (before.join() === after.join()) expect(d).toBeUndefined();
      else expect(apply(text(...before), d?.patch ?? "")).toBe(text(...after));
    }
  });

  it("a changed norm field is that one file, with the old line out and the new line in", async () => {
    const { pack } = parsePack(await readPackDir(repoPath("norms/default")), "default");
    if (!pack) throw new Error("the default pack must load");
    const before = packToFiles(pack);
    const norms = pack.norms.map((n) => (n.id === "threats" ? { ...n, severity: "low" as const } : n));
    const d = diffPackFiles(before, packToFiles({ ...pack, norms }));
    expect(d.map((f) => [f.file, f.change, f.added_lines, f.removed_lines])).toEqual([
      ["norms/threats.yaml", "changed", 1, 1],
    ]);
    const severity = /^severity: .*$/m.exec(before["norms/threats.yaml"] ?? "")?.[0];
    expect(d[0]?.patch).toContain(`\n-${severity}\n+severity: low\n`);
  });

  it("diffs a 3,000-line file quickly, however much it changed", () => {
    const big = Array.from({ length: 3000 }, (_, i) => `  - term-${i}`);
    const edited = big.map((l, i) => (i % 500 === 0 ? `${l}-changed` : l));
    const rewritten = big.map((l) => `${l}-new`);
    // CPU time, not the wall clock: waiting for a core on a busy machine is not the diff's work.
    const started = process.cpuUsage();
    expect(summariseDiff(diffPackFiles({ f: text(...big) }, { f: text(...edited) }))).toEqual({
      files: 1,
      added_lines: 6,
      removed_lines: 6,
    });
    const [all] = diffPackFiles({ f: text(...big) }, { f: text(...rewritten) });
    expect(apply(text(...big), all?.patch ?? "")).toBe(text(...rewritten));
    const { user, system } = process.cpuUsage(started);
    expect((user + system) / 1000).toBeLessThan(2000);
  });
});
