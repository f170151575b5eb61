import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/rules/evaluate.js";
import { necessaryKeys } from "../../src/rules/norm-index.js";
import { pack } from "../helpers/packs.js";

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
    // The share over the whole bench corpus is measured by `npm run bench:engine`; this checks the mechanism.
    const { compiled } = await pack("norms/default");
    expect(compiled.index.unindexed).toEqual([]);
    const benign = ["Does anyone have a good recipe for banana bread?", "see you all at the match on Saturday"];
    for (const text of benign) expect((await evaluate(compiled, { content: { text } })).work.engine_runs, text).toBe(0);
    const abusive = await evaluate(compiled, { content: { text: "I will find you and kill you." } });
    expect(abusive.work.engine_runs).toBeGreaterThan(0);
  });
});
