/**
 * `node --import tsx --import ./bench/compiled-src.mjs bench/cache-pressure.ts [mb=4] [passes=3]`: what an
 * evaluation costs when other work has evicted its tables from the CPU caches, as a server's request parsing,
 * writes and database replies do between two evaluations. Before every group of `batch` evaluations of the bench
 * corpus, `mb` megabytes are touched; only the evaluations are timed. Batch 1 is a request evaluated where it
 * happens to be; larger batches are what `src/lib/turn-batch.ts` does with the evaluations of one turn.
 */
import type { EvaluationRequest } from "../src/domain/index.js";
import { loadPackDir } from "../src/norms/load-pack.js";
import { evaluate } from "../src/rules/evaluate.js";
import { readCorpus } from "./corpus.js";

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split("=") as [string, string]));
const MB = Number(args.mb ?? 4);
const PASSES = Number(args.passes ?? 3);
const corpus: EvaluationRequest[] = readCorpus();
const { loaded, errors } = await loadPackDir("norms/default");
if (!loaded) throw new Error(errors.map((e) => e.message).join("\n"));
const set = loaded.compiled;
for (const r of corpus) await evaluate(set, r); // warm up the JIT and the caches' contents

const other = new Float64Array((MB * 1024 * 1024) / 8);
let sink = 0;
/** Other work: one write and read per 64-byte cache line of `mb` megabytes. */
const evict = () => {
  for (let i = 0; i < other.length; i += 8) {
    other[i] = (other[i] as number) + 1;
    sink += other[i] as number;
  }
};

async function microsecondsEach(batch: number, pressure: boolean): Promise<number> {
  const total = corpus.length * PASSES;
  let ns = 0n;
  for (let n = 0; n < total; ) {
    if (pressure) evict();
    const t = process.hrtime.bigint();
    for (let j = 0; j < batch && n < total; j++, n++)
      await evaluate(set, corpus[n % corpus.length] as EvaluationRequest);
    ns += process.hrtime.bigint() - t;
  }
  return Number(ns) / total / 1000;
}

console.log(`${corpus.length} corpus texts × ${PASSES}; µs per evaluation (wall, evaluations only)`);
console.log(`  no other work between evaluations       ${(await microsecondsEach(1, false)).toFixed(1)}`);
for (const batch of [1, 4, 16, 64])
  console.log(
    `  ${MB} MB touched before every ${String(batch).padEnd(3)} evaluations ${(await microsecondsEach(batch, true)).toFixed(1)}`,
  );
if (sink === 0) console.log(""); // keeps the touching from being optimised away
