import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/rules/evaluate.js";
import { necessaryKeys } from "../../src/rules/norm-index.js";
import { pack } from "../helpers/packs.js";

/** Scores a platform sends as `signals` are facts norms can use; an absent one holds no condition. */
describe("request signals as facts", () => {
  const run = async (signals?: Record<string, number>) => {
    const { compiled } = await pack("test/fixtures/packs/signals");
    const text = "you are the worst";
    return evaluate(compiled, { content: { text }, ...(signals ? { signals } : {}) });
  };

  it("a signal above the norm's threshold engages it; below it or absent, nothing does", async () => {
    const high = await run({ toxicity: 0.95 });
    expect(high.norms.map((n) => [n.norm, n.outcome])).toEqual([["classifier-toxicity", "violated"]]);
    expect((high.facts as Record<string, unknown>)["signals.toxicity"]).toBe(0.95);
    expect((await run({ toxicity: 0.4 })).norms).toEqual([]);
    expect((await run()).norms).toEqual([]);
    expect((await run({ insult: 0.99 })).norms).toEqual([]);
  });

  it("a norm on a signal is indexed by the signal's presence: requests without it run no engine", async () => {
    const { compiled } = await pack("test/fixtures/packs/signals");
    expect(compiled.index.unindexed).toEqual([]);
    expect(necessaryKeys({ all: [{ fact: "signals.toxicity", operator: "greaterThan", value: 0.9 }] })).toEqual([
      { key: "signals.toxicity?", fact: "signals.toxicity", number: true },
    ]);
    expect((await run()).work.engine_runs).toBe(0);
  });
});
