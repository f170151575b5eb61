import { beforeAll, describe, expect, it } from "vitest";
import type { EvaluationRequest, NormPack } from "../../src/domain/index.js";
import { MAX_EVIDENCE } from "../../src/facts/evidence-cap.js";
import { fold } from "../../src/facts/fold.js";
import { tokenize } from "../../src/facts/tokenize.js";
import { type CompiledNormSet, compileNormSet } from "../../src/rules/compile.js";
import { evaluate } from "../../src/rules/evaluate.js";
import { pack } from "../helpers/packs.js";
import { MAX_TEXT, worstCases, worstTexts } from "../support/worst-case-texts.js";

/**
 * Every fact and rule step must cost time linear in the text. Rather than a
 * wall-clock limit (flaky on a busy machine), each worst-case text is
 * evaluated once at the 64 KiB limit and eight times at 8 KiB: the same
 * amount of text, so linear work takes about the same time both ways, while
 * quadratic work takes 8× longer on the long text and exponential work
 * never finishes. Time is the process's CPU time, not the wall clock: on a
 * machine shared with other jobs, waiting for a core is not work. The fastest
 * of several interleaved trials of each absorbs what noise is left (GC, cache). Each evaluation gets a text
 * not seen before, so per-word caches cannot hide work done once per new word (a 4,000-letter token's typo
 * lookup took 9 s, once, and was then remembered).
 */
const SHORT = MAX_TEXT / 8;
const TRIALS = 5;
/** Linear work gives about 1; quadratic work gives about 8. 4 leaves room for noise on a loaded machine. */
const MAX_RATIO = 4;

// The default pack plus the nested-quantifier pattern an editor once adopted: it ran
// for seconds on V8's backtracking engine; every pattern now runs in linear time.
let set: CompiledNormSet;
beforeAll(async () => {
  const base = (await pack("norms/default")).pack;
  const bomb = { id: "nested-quantifier", description: "An editor's (a+)+$.", regex: "(a+)+$" };
  set = compileNormSet({ ...base, patterns: [...base.patterns, bomb] } satisfies NormPack);
});

/** The text as content and as the parent it replies to: both are read. */
const request = (text: string): EvaluationRequest => ({ content: { text }, context: { parent: { text } } });

/** CPU microseconds (user + system) this process spends evaluating `requests`. */
async function cpuTime(requests: EvaluationRequest[]): Promise<number> {
  const started = process.cpuUsage();
  for (const r of requests) await evaluate(set, r);
  const { user, system } = process.cpuUsage(started);
  return user + system;
}

describe("evaluation work grows linearly with the text", () => {
  it.each(worstCases)(
    "$name",
    async (c) => {
      // Every evaluation reads a text it has not seen (see worstTexts): nothing is answered from a cache.
      const long = (trial: number) => worstTexts(c, MAX_TEXT, 1, trial).map(request);
      const short = (trial: number) => worstTexts(c, SHORT, 8, trial * 8).map(request);
      await cpuTime([...long(TRIALS), ...short(TRIALS)]); // warm up the JIT on this shape of text
      const longs: number[] = [];
      const shorts: number[] = [];
      for (let i = 0; i < TRIALS; i++) {
        longs.push(await cpuTime(long(i)));
        shorts.push(await cpuTime(short(i)));
      }
      const ratio = Math.min(...longs) / Math.min(...shorts);
      expect(
        ratio,
        `64 KiB once vs 8 KiB eight times: ${longs.map((r) => r.toFixed(0))} µs vs ${shorts.map((r) => r.toFixed(0))} µs of CPU`,
      ).toBeLessThan(MAX_RATIO);
    },
    90_000,
  );
});

describe("evidence on the worst-case texts", () => {
  it("is at most MAX_EVIDENCE matches, full whenever some are left out", async () => {
    for (const c of worstCases) {
      const e = await evaluate(set, { content: { text: worstTexts(c, MAX_TEXT, 1)[0] as string } });
      expect(e.evidence.length, c.name).toBeLessThanOrEqual(MAX_EVIDENCE);
      if (e.evidence_omitted) expect(e.evidence.length, c.name).toBe(MAX_EVIDENCE);
    }
  }, 60_000);
});

describe("quoted tokens", () => {
  it("are marked inside nested and unclosed quotes, found in one sweep", () => {
    const quoted = (text: string) =>
      tokenize(fold(text).text)
        .filter((t) => t.quoted)
        .map((t) => t.skel);
    expect(quoted(`she wrote "you 'are' a" fool, 'go' on "and on`)).toEqual(["you", "are", "a", "go", "and", "on"]);
    expect(quoted(`'one' two "three" four 'five'`)).toEqual(["one", "thre", "five"]);
  });
});
