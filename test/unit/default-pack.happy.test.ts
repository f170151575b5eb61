import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Author } from "../../src/domain/index.js";
import { describeFailure, runExamples } from "../../src/norms/run-examples.js";
import { evaluate } from "../../src/rules/evaluate.js";
import { pack, repoPath } from "../helpers/packs.js";

const DEFAULT = "norms/default";

type Case = { text: string; author?: Author; norm?: string; expect?: string; exception?: string; decision?: string };
const mustHold = parse(readFileSync(repoPath("test/fixtures/must-hold.yaml"), "utf8")) as Record<string, Case[]>;

async function outcome(c: Case) {
  const { compiled } = await pack(DEFAULT);
  const e = await evaluate(compiled, { content: { text: c.text }, ...(c.author ? { author: c.author } : {}) });
  const r = e.norms.find((n) => n.norm === c.norm);
  return {
    decision: e.decision,
    outcome: r?.outcome ?? "not_engaged",
    exceptions: r?.exception ? [r.exception] : (r?.candidates ?? []).map((x) => x.exception),
    engaged: e.norms.map((n) => n.norm),
  };
}

describe("the default pack", () => {
  it("every norm has a function, a justification and at least 8 examples, some with context", async () => {
    const { pack: p } = await pack(DEFAULT);
    expect(p.norms.length).toBeGreaterThanOrEqual(7);
    for (const n of p.norms) {
      expect(n.examples.length, n.id).toBeGreaterThanOrEqual(8);
      expect(n.function.purpose.length, n.id).toBeGreaterThan(40);
      expect(n.justification.length, n.id).toBeGreaterThanOrEqual(2);
      expect(
        n.examples.some((e) => e.author || e.context || e.kind || /["'“]/.test(e.text)),
        n.id,
      ).toBe(true);
    }
  });

  it("every example passes `norms test`", async () => {
    const { compiled } = await pack(DEFAULT);
    const failures = (await runExamples(compiled)).filter((r) => !r.passed);
    expect(failures.map((f) => `${f.norm}#${f.index} ${describeFailure(f)}: ${f.example.text}`)).toEqual([]);
  });

  it("gives every slur a target group and names every group the lexicons target", async () => {
    const { pack: p } = await pack(DEFAULT);
    const slurs = p.lexicons.flatMap((l) => l.terms).filter((t) => t.category === "slur");
    expect(slurs.filter((t) => !t.group).map((t) => t.term)).toEqual([]);
    const named = new Set(
      p.lexicons
        .flatMap((l) => l.terms)
        .filter((t) => t.category === "identity")
        .map((t) => t.group),
    );
    const groups = p.groups.map((g) => g.id);
    for (const g of ["black", "jewish", "muslim", "women", "trans", "gay", "disabled", "immigrant"]) {
      expect(groups, g).toContain(g);
      expect(named.has(g), `identity terms name ${g}`).toBe(true);
    }
  });

  for (const [section, cases] of Object.entries(mustHold)) {
    describe(`must hold: ${section}`, () => {
      it.each(cases.map((c) => [c.text, c] as const))("%s", async (_text, c) => {
        // A case with nothing to check would pass whatever mores did: it is a broken fixture.
        expect(c.decision ?? c.expect ?? c.exception, "the case names an expectation").toBeDefined();
        const got = await outcome(c);
        if (c.decision) expect(got.decision, `engaged: ${got.engaged.join(", ")}`).toBe(c.decision);
        if (c.expect) expect(got.outcome).toBe(c.expect);
        if (c.exception) expect(got.exceptions).toContain(c.exception);
      });
    });
  }
});
