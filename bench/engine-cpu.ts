/**
 * Evaluations per CPU-second of this process (user + system) over the bench corpus, best of N single passes:
 * `node --import tsx --import ./bench/compiled-src.mjs bench/engine-cpu.ts [passes]` (compiled) or
 * `npx tsx bench/engine-cpu.ts` (tsx). On a shared machine wall time measures the other sessions as much as
 * this code; CPU time is steadier, so A/B comparisons of the engine (base and branch run alternately) use it.
 */
import type { EvaluationRequest } from "../src/domain/index.js";
import { loadPackDir } from "../src/norms/load-pack.js";
import { evaluate } from "../src/rules/evaluate.js";
import { readCorpus } from "./corpus.js";
import { evaluatePasses, WARM_PASSES } from "./settle.js";

const corpus: EvaluationRequest[] = readCorpus();
const { loaded, errors } = await loadPackDir("norms/default");
if (!loaded) throw new Error(errors.map((e) => e.message).join("\n"));
const set = loaded.compiled;
await evaluatePasses(set, corpus, WARM_PASSES); // a settled engine, as bench:engine measures
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
let best = 0;
for (let p = 0; p < Number(process.argv[2] ?? 5); p++) {
  const started = cpuSeconds();
  for (const r of corpus) await evaluate(set, r);
  best = Math.max(best, corpus.length / (cpuSeconds() - started));
}
console.log(`${Math.round(best)} evaluations per CPU-second (${(1e6 / best).toFixed(1)} µs each)`);
