import { Engine, Rule } from "json-rules-engine";
import { describe, expect, it } from "vitest";
import type { EvaluationRequest } from "../../src/domain/index.js";
import { dotPath, sharedEngine } from "../../src/rules/engine.js";
import { evaluate } from "../../src/rules/evaluate.js";
import { pack } from "../helpers/packs.js";

const rule = () =>
  new Rule({
    name: "r",
    conditions: { all: [{ fact: "x", operator: "equal", value: true }] },
    event: { type: "e" },
    priority: 1,
  });

/** Starts `n` runs that overlap each other, yielding to the event loop now and then as real requests would. */
async function staggered<T>(n: number, start: (i: number) => Promise<T>): Promise<T[]> {
  const pending: Promise<T>[] = [];
  for (let i = 0; i < n; i++) {
    pending.push(start(i));
    if (i % 3 === 0) await Promise.resolve();
  }
  return Promise.all(pending);
}

const evaluatedRules = (r: { results: unknown[]; failureResults: unknown[] }) =>
  r.results.length + r.failureResults.length;

describe("concurrent evaluation", () => {
  it("a plain json-rules-engine Engine silently skips rules when runs overlap (why sharedEngine exists)", async () => {
    const engine = new Engine([rule()]);
    const runs = await staggered(300, () => engine.run({ x: true }));
    expect(runs.filter((r) => evaluatedRules(r) === 0).length).toBeGreaterThan(0);
  });

  it("sharedEngine evaluates every rule of every overlapping run", async () => {
    const engine = sharedEngine([rule()]);
    const runs = await staggered(300, () => engine.run({ x: true }));
    expect(runs.every((r) => evaluatedRules(r) === 1 && r.results.length === 1)).toBe(true);
  });

  it("hundreds of overlapping evaluations give the same results as one at a time", async () => {
    const { compiled } = await pack("test/fixtures/packs/minimal");
    const { pack: p } = await pack("test/fixtures/packs/minimal");
    const cases: EvaluationRequest[] = p.norms.flatMap((n) =>
      n.examples.map((e) => ({ content: { text: e.text }, ...(e.author ? { author: e.author } : {}) })),
    );
    cases.push({ content: { text: "a perfectly benign message" } });
    const requests = Array.from({ length: 600 }, (_, i) => cases[i % cases.length] as EvaluationRequest);
    const summary = (e: Awaited<ReturnType<typeof evaluate>>) => [
      e.decision,
      e.norms.map((n) => `${n.norm}:${n.outcome}`),
    ];
    const sequential = [];
    for (const r of requests) sequential.push(summary(await evaluate(compiled, r)));
    const concurrent = (
      await staggered(requests.length, (i) => evaluate(compiled, requests[i] as EvaluationRequest))
    ).map(summary);
    expect(concurrent).toEqual(sequential);
    expect(new Set(sequential.map((s) => s[0])).size).toBeGreaterThan(2); // the cases really differ
  });
});

describe("condition paths", () => {
  it("resolve as plain dot paths, never through JSONPath's evaluated expressions", async () => {
    expect(dotPath({ a: { b: [1, 2] } }, "$.a.b")).toEqual([1, 2]);
    expect(dotPath({ a: { b: 1 } }, "a.b")).toBe(1);
    expect(dotPath({ a: 1 }, "$.a.c")).toBeUndefined();
    expect(dotPath({ a: 1 }, "$..[?(@.a)]")).toBeUndefined(); // a JSONPath filter is just a missing key here
  });
});
