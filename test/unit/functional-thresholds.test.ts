import { describe, expect, it } from "vitest";
import { readCases } from "../../src/evaluation/read-cases.js";
import { localRunner } from "../../src/evaluation/run-local.js";
import { type Report, score } from "../../src/evaluation/score.js";
import { noReasoner } from "../../src/reasoner/port.js";
import { pack, repoPath } from "../helpers/packs.js";

/**
 * Issue 13's must-hold figures, measured as `npm run eval:functional` measures them: the default pack on the
 * project's own functional suite with no model configured (judgment goes to a person). Caught = blocked or
 * sent to review. Both floors are the issue's targets: 95% hateful caught on the functional suite (95.6%
 * measured on 2026-11-30) and 98% abusive caught on the bench corpus.
 */
const HATEFUL_CAUGHT = { target: 0.95, floor: 0.95 };
const BENCH_ABUSIVE_CAUGHT = { target: 0.98, floor: 0.98 };
const SPEECH_ABOUT_HATE = ["counter-quote", "counter-reference", "reclaimed-self", "reclaimed-ingroup", "homonym"];

let report: Promise<Report> | undefined;
function functionalReport(): Promise<Report> {
  report ??= (async () => {
    const cases = await readCases([repoPath("test/fixtures/functional")]);
    const runner = localRunner("norms/default", await pack("norms/default"), noReasoner, { budgetMs: 1000 });
    return score(runner.name, cases, await runner.run(cases));
  })();
  return report;
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
const percent = (x: number) => `${(100 * x).toFixed(1)}%`;

describe("the default pack on the functional suite", () => {
  it(`catches at least ${HATEFUL_CAUGHT.floor * 100}% of hateful messages (target ${HATEFUL_CAUGHT.target * 100}%)`, async () => {
    const r = await functionalReport();
    const missed = r.scored.filter((s) => s.label === "hateful" && s.result.verdict === "allow");
    const caught = share(r.summary.hateful.caught, r.summary.hateful.n);
    expect(
      caught,
      `${percent(caught)} caught; missed:\n${missed.map((s) => `[${s.category}] ${s.text}`).join("\n")}`,
    ).toBeGreaterThanOrEqual(HATEFUL_CAUGHT.floor);
  });

  it("auto-blocks at most 2% of counter-speech, reclaimed slurs and homonyms", async () => {
    const r = await functionalReport();
    const cases = r.scored.filter((s) => SPEECH_ABOUT_HATE.includes(s.category));
    const blocked = cases.filter((s) => s.result.verdict === "block");
    expect(cases.length).toBeGreaterThan(250);
    expect(
      share(blocked.length, cases.length),
      blocked.map((s) => `[${s.category}] ${s.text}`).join("\n"),
    ).toBeLessThanOrEqual(0.02);
  });

  it("blocks at most 2% of every other non-hateful category (abuse of individuals aside)", async () => {
    const r = await functionalReport();
    for (const c of r.categories) {
      const cases = r.scored.filter((s) => s.category === c.category);
      if (cases[0]?.label !== "non-hateful" || c.category === "abuse-individual") continue;
      if (SPEECH_ABOUT_HATE.includes(c.category)) continue; // held together above
      const blocked = cases.filter((s) => s.result.verdict === "block").map((s) => s.text);
      expect(share(blocked.length, cases.length), `${c.category}:\n${blocked.join("\n")}`).toBeLessThanOrEqual(0.02);
    }
  });

  it("sends at most 25% of non-hateful messages to review", async () => {
    const { summary } = await functionalReport();
    expect(share(summary.nonHateful.reviewed, summary.nonHateful.n)).toBeLessThanOrEqual(0.25);
  });

  it("still blocks abuse of individuals (the harassment norm)", async () => {
    const r = await functionalReport();
    const cases = r.scored.filter((s) => s.category === "abuse-individual");
    const blocked = cases.filter((s) => s.result.verdict === "block");
    expect(share(blocked.length, cases.length)).toBeGreaterThanOrEqual(0.7);
  });
});

describe("the default pack on the bench corpus", () => {
  it("blocks at most 0.3% of benign messages, catches at least 98% of the abusive ones, asks the model about at most 2%", async () => {
    const cases = await readCases([repoPath("bench/corpus.jsonl")]);
    const loaded = await pack("norms/default");
    const runner = localRunner("norms/default", loaded, noReasoner, { budgetMs: 1000 });
    const results = await runner.run(cases);
    const r = score(runner.name, cases, results);
    const benign = r.scored.filter((s) => s.label === "non-hateful");
    const abusive = r.scored.filter((s) => s.label === "hateful");
    const blocked = benign.filter((s) => s.result.verdict === "block");
    const missed = abusive.filter((s) => s.result.verdict === "allow");
    const judged = results.filter((x) => x.norms.some((n) => n.endsWith(":needs_review")));
    expect(benign.length).toBeGreaterThan(10_000);
    expect(share(blocked.length, benign.length), blocked.map((s) => s.text).join("\n")).toBeLessThanOrEqual(0.003);
    expect(
      share(abusive.length - missed.length, abusive.length),
      missed.map((s) => s.text).join("\n"),
    ).toBeGreaterThanOrEqual(BENCH_ABUSIVE_CAUGHT.floor);
    expect(share(judged.length, results.length)).toBeLessThanOrEqual(0.02);
    // Over ten thousand messages: seconds on a quiet machine, more than the default 30 s on a shared, busy one.
  }, 120_000);
});
