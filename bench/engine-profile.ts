/**
 * `node --import tsx --import ./bench/compiled-src.mjs bench/engine-profile.ts [passes] [top]`: a V8 CPU profile
 * of `evaluate()` over the bench corpus (compiled engine, settled: WARM_PASSES of settle.ts), printed as self time by
 * file and function and as inclusive time of our own functions — where an evaluation's microseconds go.
 * Set ENGINE_PROFILE_OUT=file.cpuprofile to keep the raw profile for a viewer, and ENGINE_PROFILE_CORPUS=file.jsonl to
 * profile another set of messages of the corpus's shape (e.g. only those the sentence layer parses).
 */
import { writeFileSync } from "node:fs";
import type { EvaluationRequest } from "../src/domain/index.js";
import { loadPackDir } from "../src/norms/load-pack.js";
import { evaluate } from "../src/rules/evaluate.js";
import { readCorpus } from "./corpus.js";
import { startProfiler, summariseProfile } from "./profile-summary.js";
import { evaluatePasses, WARM_PASSES } from "./settle.js";

const corpus: EvaluationRequest[] = readCorpus(process.env.ENGINE_PROFILE_CORPUS);
const passes = Number(process.argv[2] ?? 3);
const top = Number(process.argv[3] ?? 40);
const { loaded, errors } = await loadPackDir("norms/default");
if (!loaded) throw new Error(errors.map((e) => e.message).join("\n"));
const set = loaded.compiled;
await evaluatePasses(set, corpus, WARM_PASSES); // a settled engine, as bench:engine measures

const session = await startProfiler();
const cpu = process.cpuUsage();
for (let p = 0; p < passes; p++) for (const r of corpus) await evaluate(set, r);
const used = process.cpuUsage(cpu);
const { profile } = await session.post("Profiler.stop");
const n = passes * corpus.length;
console.log(`${n} evaluations, ${((used.user + used.system) / n).toFixed(1)} µs CPU each\n`);
if (process.env.ENGINE_PROFILE_OUT) writeFileSync(process.env.ENGINE_PROFILE_OUT, JSON.stringify(profile));
summariseProfile(profile, top);

// Inclusive time of our functions (a function counted once per sample even when it recurses).
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
const inclusive = new Map<string, number>();
let total = 0;
const deltas = profile.timeDeltas ?? [];
for (const [i, id] of (profile.samples ?? []).entries()) {
  const t = deltas[i] ?? 0;
  total += t;
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const { url, functionName, lineNumber } = (byId.get(at) as (typeof profile.nodes)[number]).callFrame;
    if (!url.includes("/dist/")) continue;
    const key = `${functionName || "(anonymous)"}  ${url.replace(/^.*\/dist\//, "")}:${lineNumber + 1}`;
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + t);
  }
}
console.log("\ninclusive time of our functions");
for (const [k, v] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`  ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);

// Lines of the hottest functions (ENGINE_PROFILE_LINES=name,name…): where inside them the samples fell.
for (const name of (process.env.ENGINE_PROFILE_LINES ?? "").split(",").filter(Boolean)) {
  const lines = new Map<string, number>();
  for (const node of profile.nodes) {
    if (node.callFrame.functionName !== name) continue;
    for (const { line, ticks } of node.positionTicks ?? []) {
      const key = `${node.callFrame.url.replace(/^.*\/dist\//, "")}:${line}`;
      lines.set(key, (lines.get(key) ?? 0) + ticks);
    }
  }
  console.log(`\nlines of ${name} (ticks)`);
  for (const [k, v] of [...lines].sort((a, b) => b[1] - a[1]).slice(0, 15))
    console.log(`  ${String(v).padStart(6)}  ${k}`);
}
