import type { NormPack } from "../src/domain/index.js";
import { type CompiledNormSet, compileNormSet } from "../src/rules/compile.js";
import { fmt } from "./figures.js";

type Throughput = (set: CompiledNormSet, passes: number) => Promise<{ evalsPerSecond: number }>;

/** The default pack's norms copied under new ids until there are `n`: the same work per norm, n norms. */
function withNorms(pack: NormPack, n: number): NormPack {
  const norms = Array.from({ length: n }, (_, i) => {
    const norm = pack.norms[i % pack.norms.length] as NormPack["norms"][number];
    return i < pack.norms.length ? norm : { ...norm, id: `${norm.id}-copy${Math.floor(i / pack.norms.length)}` };
  });
  return { ...pack, norms };
}

function medianMs(f: () => void, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] as number;
}

/**
 * Cost as the work grows (issue 15 items 5–6): evaluations/s and cost per norm with 200 norms, a cold compile
 * of a community's set, and the heap a compiled set holds — which, times the process's cache of 64 sets
 * (least recently used evicted), bounds memory however many communities there are.
 */
export async function normScaleSection(pack: NormPack, throughput: Throughput) {
  console.log("\nnorms per community (default pack's norms copied under new ids)");
  console.log("  norms   evaluations/s   µs per evaluation   µs per norm   cold compile ms");
  for (const n of [pack.norms.length, 50, 200]) {
    const grown = withNorms(pack, n);
    const set = compileNormSet(grown);
    const evals = (await throughput(set, 2)).evalsPerSecond;
    const compileMs = medianMs(() => compileNormSet(grown), 9);
    console.log(
      `  ${String(n).padEnd(6)}  ${fmt(evals).padStart(13)}   ${(1e6 / evals).toFixed(1).padStart(17)}   ${(1e6 / evals / n).toFixed(2).padStart(11)}   ${compileMs.toFixed(1).padStart(15)}`,
    );
  }
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  const kept = Array.from({ length: 64 }, () => compileNormSet(pack));
  global.gc?.();
  const perSet = (process.memoryUsage().heapUsed - before) / kept.length;
  console.log(
    `  heap per compiled default set ≈ ${(perSet / 1e6).toFixed(2)} MB${global.gc ? "" : " (run with --expose-gc for a steadier figure)"}; ` +
      `the cache keeps 64: ≤ ${((64 * perSet) / 1e6).toFixed(0)} MB with any number of communities`,
  );
}
