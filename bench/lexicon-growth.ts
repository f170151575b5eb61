import type { EvaluationRequest, LexiconTerm, NormPack } from "../src/domain/index.js";
import { computeFacts } from "../src/facts/compute.js";
import { type CompiledNormSet, compileNormSet } from "../src/rules/compile.js";
import { fmt, median } from "./figures.js";
import { evaluatePasses, WARM_PASSES } from "./settle.js";

const SIZES = [100, 1_000, 10_000, 100_000];
/** Passes of every size in turn, after the warm-up. */
const ROUNDS = 5;

/** Seeded pseudo-words, so every run measures the same lexicon. */
function fillerTerms(n: number): LexiconTerm[] {
  let seed = 0x9e3779b9;
  const rand = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const word = () =>
    Array.from(
      { length: 4 + Math.floor(rand() * 6) },
      () => "abcdefghijklmnopqrstuvwxyz"[Math.floor(rand() * 26)],
    ).join("");
  return Array.from({ length: n }, () => ({
    lexicon: "bench-filler",
    term: rand() < 0.2 ? `${word()} ${word()}` : word(),
    category: "bench-filler",
    variants: [],
    homonym: false,
  }));
}

/** Passes per second of `work` over the corpus, timed once. */
async function rate(corpus: readonly EvaluationRequest[], work: () => Promise<void> | void): Promise<number> {
  const started = performance.now();
  await work();
  return corpus.length / ((performance.now() - started) / 1000);
}

/**
 * How cost grows with the lexicon (issue 15 item 5): the default pack plus N filler terms, evaluated whole, and the
 * facts alone of a pack whose only lexicon is the N terms.
 *
 * Every set is warmed as the main figure is (settle.ts), then each size runs one pass in turn, ROUNDS times, and
 * is compared with 100 terms round by round. Measured one size after another, the figures followed the host and
 * V8 more than the lexicon: on one day the 100,000-term row read 1.78× (one warm-up pass), 1.16×, 1.20× and 1.36×
 * (seven) the cost of the 100-term row; in one process a set of 100,000 terms ran at ~22,000 evaluations/s for six
 * passes, then at ~38,000 (docs/performance.md, twenty-second pass).
 */
export async function lexiconGrowthSection(pack: NormPack, corpus: readonly EvaluationRequest[]) {
  console.log("\nlexicon growth (default pack + N filler terms; matcher alone on N terms), sizes in turn");
  const sets = SIZES.map((n) => {
    const filler = { name: "bench-filler", description: "synthetic", language: "en", terms: fillerTerms(n) };
    return {
      n,
      grown: compileNormSet({ ...pack, lexicons: [...pack.lexicons, filler] }),
      only: compileNormSet({ ...pack, lexicons: [filler] }),
    };
  });
  const factsPass = (set: CompiledNormSet) => {
    for (const r of corpus) computeFacts(r, set.facts);
  };
  for (const { grown, only } of sets) {
    await evaluatePasses(grown, corpus, WARM_PASSES);
    for (let p = 0; p < WARM_PASSES; p++) factsPass(only);
  }
  const evals = sets.map(() => [] as number[]);
  const facts = sets.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, { grown, only }] of sets.entries()) {
      evals[i]?.push(await rate(corpus, () => evaluatePasses(grown, corpus, 1)));
      facts[i]?.push(await rate(corpus, () => factsPass(only)));
    }
  }
  /** The cost of size i against 100 terms: the median of the rounds' ratios. */
  const ratio = (rates: number[][], i: number) =>
    median((rates[0] as number[]).map((base, round) => base / ((rates[i] as number[])[round] as number)));
  console.log(`  terms      evaluations/s   vs 100   facts-only/s   vs 100   (medians of ${ROUNDS} rounds)`);
  for (const [i, { n }] of sets.entries()) {
    console.log(
      `  ${String(n).padEnd(9)}  ${fmt(median(evals[i] ?? [])).padStart(13)}   ${ratio(evals, i).toFixed(2)}×   ${fmt(median(facts[i] ?? [])).padStart(12)}   ${ratio(facts, i).toFixed(2)}×`,
    );
  }
}
