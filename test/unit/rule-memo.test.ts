import { describe, expect, it } from "vitest";
import type { ConditionTree } from "../../src/domain/index.js";
import { makeRule, sharedEngine } from "../../src/rules/engine.js";
import { evaluate } from "../../src/rules/evaluate.js";
import { RememberedRuns, type RuleAnswer } from "../../src/rules/rule-memo.js";
import { traceOf } from "../../src/rules/trace.js";
import { pack } from "../helpers/packs.js";

const slurAtSomeone: ConditionTree = {
  all: [
    { fact: "categories", operator: "contains", value: "slur" },
    {
      any: [
        { fact: "addresses_other", operator: "equal", value: true },
        { fact: "kind", operator: "in", value: ["dm"] },
      ],
    },
  ],
};
const quoted: ConditionTree = { fact: "quoted", operator: "equal", value: true };
const FACTS = ["categories", "addresses_other", "kind", "quoted"];
const engine = () => sharedEngine([makeRule("slur-at-someone", slurAtSomeone, "e"), makeRule("quoted", quoted, "e")]);

/**
 * What the engine itself answers for the facts its rules read (each named, as evaluate always passed them),
 * in the order RememberedRuns gives: held rules first.
 */
async function fromEngine(facts: Record<string, unknown>): Promise<RuleAnswer[]> {
  const { results, failureResults } = await engine().run(Object.fromEntries(FACTS.map((f) => [f, facts[f]])));
  return [...results, ...failureResults].map((r) => ({ name: r.name, result: r.result, trace: traceOf(r) }));
}

const combinations: Record<string, unknown>[] = [
  { categories: ["slur", "second-person"], addresses_other: true, kind: "", quoted: false },
  { categories: ["slur"], addresses_other: false, kind: "dm", quoted: true },
  { categories: ["insult"], addresses_other: true, kind: "", quoted: false },
  { categories: [], addresses_other: false, kind: "post", quoted: true },
];

describe("remembered rule runs", () => {
  it("answer every combination of facts exactly as the engine does, the first time and every time after", async () => {
    const runs = new RememberedRuns(engine(), FACTS);
    for (const facts of [...combinations, ...combinations, ...combinations]) {
      expect(await runs.run(facts)).toEqual(await fromEngine(facts));
    }
  });

  it("answer a combination seen before without waiting for the engine, with the same trace", async () => {
    const runs = new RememberedRuns(engine(), FACTS);
    const first = await runs.run(combinations[0] as Record<string, unknown>);
    const again = runs.run({ ...combinations[0] });
    expect(again).not.toBeInstanceOf(Promise);
    expect(again).toEqual(first);
  });

  it("tell apart lists in another order and values of another type (traces show the fact values)", async () => {
    const runs = new RememberedRuns(engine(), FACTS);
    const a = { categories: ["slur", "insult"], addresses_other: true, kind: "", quoted: false };
    const b = { categories: ["insult", "slur"], addresses_other: true, kind: "", quoted: false };
    const c = { categories: ["slur", "insult"], addresses_other: "true", kind: "", quoted: false };
    for (const facts of [a, b, c, a, b, c]) expect(await runs.run(facts)).toEqual(await fromEngine(facts));
  });

  it("keep no list of the evaluation that first produced an answer", async () => {
    const runs = new RememberedRuns(engine(), FACTS);
    const categories = ["slur"];
    await runs.run({ categories, addresses_other: true, kind: "", quoted: false });
    categories.push("changed afterwards");
    const remembered = await runs.run({ categories: ["slur"], addresses_other: true, kind: "", quoted: false });
    expect(JSON.stringify(remembered)).not.toContain("changed afterwards");
  });

  it("never confuse a missing fact with null, which JSON would write alike", async () => {
    const runs = new RememberedRuns(engine(), FACTS);
    const missing = { categories: ["slur"], addresses_other: false, quoted: false };
    const empty = { ...missing, kind: null };
    for (const facts of [empty, missing, empty, missing])
      expect(await runs.run(facts)).toEqual(await fromEngine(facts));
  });

  it("still answer as the engine does once more combinations came than are kept (memory stays bounded)", async () => {
    const runs = new RememberedRuns(engine(), FACTS);
    const kinds = Array.from({ length: 600 }, (_, i) => ({
      categories: ["slur"],
      addresses_other: false,
      kind: `k${i}`,
      quoted: i % 2 === 0,
    }));
    for (const facts of kinds) await runs.run(facts);
    for (const facts of [kinds[0], kinds[599], { ...(kinds[0] as object), kind: "dm" }] as Record<string, unknown>[])
      expect(await runs.run(facts)).toEqual(await fromEngine(facts));
  });

  it("leave every evaluation of a pack's examples as it was when the same texts come again", async () => {
    const { compiled, pack: p } = await pack("test/fixtures/packs/minimal");
    const texts = p.norms.flatMap((n) => n.examples.map((e) => e.text));
    const first = await Promise.all(texts.map((text) => evaluate(compiled, { content: { text } })));
    const second = await Promise.all(texts.map((text) => evaluate(compiled, { content: { text } })));
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(first.some((e) => e.norms.length > 0)).toBe(true);
  });
});
