/**
 * `node --import tsx --import ./bench/compiled-src.mjs bench/engine-alloc.ts [passes] [top]`: bytes allocated
 * per evaluation of the bench corpus (V8's sampling heap profiler, after a warm-up pass), by function — what
 * each evaluation leaves to the garbage collector, and who allocates it.
 */
import { Session } from "node:inspector/promises";
import type { EvaluationRequest } from "../src/domain/index.js";
import { loadPackDir } from "../src/norms/load-pack.js";
import { evaluate } from "../src/rules/evaluate.js";
import { readCorpus } from "./corpus.js";

type Node = {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: Node[];
};

const corpus: EvaluationRequest[] = readCorpus();
const passes = Number(process.argv[2] ?? 1);
const top = Number(process.argv[3] ?? 40);
const { loaded, errors } = await loadPackDir("norms/default");
if (!loaded) throw new Error(errors.map((e) => e.message).join("\n"));
const set = loaded.compiled;
for (const r of corpus) await evaluate(set, r); // lazily built indexes and memos are not per-evaluation cost

const session = new Session();
session.connect();
// Every 256 bytes, and objects the collector already freed kept in the report: short-lived garbage is the point.
await session.post("HeapProfiler.startSampling", {
  samplingInterval: 256,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
});
for (let p = 0; p < passes; p++) for (const r of corpus) await evaluate(set, r);
const { profile } = (await session.post("HeapProfiler.stopSampling")) as { profile: { head: Node } };
const n = passes * corpus.length;
const byFunction = new Map<string, number>();
const root = `file://${process.cwd()}/`;
let total = 0;
const walk = (node: Node, parent = "") => {
  const { functionName, url, lineNumber } = node.callFrame;
  const here = `${functionName || "(anonymous)"}  ${url.replace(root, "").replace(/^.*node_modules\//, "")}:${lineNumber + 1}`;
  // A built-in (Map, Set, split, slice…) is named with its caller: which of ours made it is the question.
  const key = url === "" && parent ? `${here} ← ${parent}` : here;
  byFunction.set(key, (byFunction.get(key) ?? 0) + node.selfSize);
  total += node.selfSize;
  for (const c of node.children) walk(c, here);
};
walk(profile.head);
console.log(`${n} evaluations, ~${(total / n / 1024).toFixed(1)} KB allocated per evaluation\n`);
for (const [k, v] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`  ${(v / n).toFixed(0).padStart(7)} B  ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
