import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/rules/evaluate.js";
import { necessaryKeys } from "../../src/rules/norm-index.js";
import { pack, repoPath } from "../helpers/packs.js";

describe("the norm index", () => {
  it("reduces triggers to keys one of which must be present", () => {
    const keys = (t: Parameters<typeof necessaryKeys>[0]) => necessaryKeys(t)?.map((k) => k.key) ?? null;
    expect(keys({ all: [{ fact: "slur_use", operator: "equal", value: true }] })).toEqual(["slur_use"]);
    expect(
      keys({
        all: [
          { fact: "addresses_other", operator: "equal", value: true },
          { fact: "categories", operator: "contains", value: "insult" },
        ],
      }),
    ).toEqual(["categories=insult"]); // the more selective conjunct
    expect(
      keys({
        any: [
          { fact: "threat", operator: "equal", value: true },
          { fact: "patterns", operator: "contains", value: "url" },
        ],
      }),
    ).toEqual(["threat", "patterns=url"]);
    expect(
      keys({
        any: [
          { fact: "threat", operator: "equal", value: true },
          { not: { fact: "quoted", operator: "equal", value: true } },
        ],
      }),
    ).toBeNull();
    expect(keys({ all: [{ fact: "length", operator: "greaterThan", value: 10 }] })).toBeNull();
  });

  it("every default norm is indexed, and benign messages run no engine at all", async () => {
    const { compiled } = await pack("norms/default");
    expect(compiled.index.unindexed).toEqual([]);
    const benign = readFileSync(repoPath("bench/corpus.jsonl"), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { text: string; label: string })
      .filter((l) => l.label === "benign")
      .slice(0, 2000);
    let ran = 0;
    for (const b of benign) if ((await evaluate(compiled, { content: { text: b.text } })).work.engine_runs > 0) ran++;
    expect(ran / benign.length).toBeLessThan(0.05);
  });
});
