import { describe, expect, it } from "vitest";
import { readCases } from "../../src/evaluation/read-cases.js";
import { repoPath } from "../helpers/packs.js";

/** Categories about no protected group at all: a thing, one person, a group no norm protects. */
const NO_GROUP = new Set(["abuse-object", "abuse-individual", "abuse-nonprotected"]);

const cases = await readCases([repoPath("test/fixtures/functional")]);
const byCategory = new Map<string, typeof cases>();
for (const c of cases) byCategory.set(c.category, [...(byCategory.get(c.category) ?? []), c]);

describe("the functional suite (test/fixtures/functional)", () => {
  it("is big enough, labelled throughout and roughly balanced", () => {
    expect(cases.length).toBeGreaterThanOrEqual(1500);
    expect(cases.every((c) => c.label === "hateful" || c.label === "non-hateful")).toBe(true);
    const hateful = cases.filter((c) => c.label === "hateful").length / cases.length;
    expect(hateful).toBeGreaterThan(0.5);
    expect(hateful).toBeLessThan(0.6);
  });

  it("has at least 40 cases in every category, over at least eight identity groups where a group is involved", () => {
    for (const [category, list] of byCategory) {
      expect(list.length, category).toBeGreaterThanOrEqual(40);
      expect(new Set(list.map((c) => c.label)).size, `${category} mixes labels`).toBe(1);
      if (NO_GROUP.has(category)) expect(new Set(list.map((c) => c.group)), category).toEqual(new Set(["none"]));
      else expect(new Set(list.map((c) => c.group)).size, category).toBeGreaterThanOrEqual(8);
    }
    expect(byCategory.get("abuse-individual")?.every((c) => c.expected === "block")).toBe(true);
  });

  it("holds no case twice", () => {
    const seen = new Map<string, string>();
    for (const c of cases) {
      const key = c.text.trim().toLowerCase();
      expect(seen.get(key), `${c.source} repeats ${seen.get(key)}`).toBeUndefined();
      seen.set(key, c.source);
    }
  });
});
