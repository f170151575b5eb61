/**
 * What a `POST /moderate` request keeps alive while it waits for its group commit, per request, in bytes of heap
 * and in objects: every young-generation GC traces and copies it, for every request waiting (~50 under wrk's 50
 * connections). "before": what the verb held across the commit until z15-wire (the rules' evaluation, the judged
 * one and the ruling record); "now": the `RulingWrite` it holds (the row serialised, the head, the outcomes).
 * Corpus messages, the default pack, no model; a forced full GC around each measure (needs --expose-gc).
 * Usage: node --expose-gc --import tsx bench/held-while-writing.ts [n=2000]
 */
import { getHeapSnapshot } from "node:v8";
import { localNormSet } from "../src/evaluation/run-local.js";
import { judgeStage, ruleStage } from "../src/moderation/pipeline.js";
import { loadPackDir } from "../src/norms/load-pack.js";
import { JudgmentCache } from "../src/reasoner/judgment-cache.js";
import { noReasoner } from "../src/reasoner/port.js";
import { buildRulingRecord } from "../src/rulings/evaluation-record.js";
import { rulingWrite } from "../src/rulings/ruling-write.js";
import { readCorpus } from "./corpus.js";

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc");
const n = Number(process.argv.find((a) => a.startsWith("n="))?.slice(2) ?? 2000);
const { loaded, errors } = await loadPackDir("norms/default");
if (!loaded) throw new Error(errors.map((e) => e.message).join("\n"));
const set = localNormSet(loaded, "default");
const deps = { reasoner: noReasoner, cache: new JudgmentCache(1000), budgetMs: 1000 };
const corpus = readCorpus().slice(0, n);

/** Heap bytes and objects (from a heap snapshot's node count) live now. */
async function live(): Promise<{ bytes: number; objects: number }> {
  gc?.();
  gc?.();
  let text = "";
  for await (const chunk of getHeapSnapshot()) text += chunk;
  const snapshot = JSON.parse(text) as { snapshot: { node_count: number } };
  return { bytes: process.memoryUsage().heapUsed, objects: snapshot.snapshot.node_count };
}

async function heldPerRequest(hold: (request: (typeof corpus)[number]) => Promise<unknown>) {
  const before = await live();
  const held: unknown[] = [];
  for (const request of corpus) held.push(await hold(request));
  const after = await live();
  held.length = 0;
  return {
    bytes: (after.bytes - before.bytes) / corpus.length,
    objects: (after.objects - before.objects) / corpus.length,
  };
}

async function record(request: (typeof corpus)[number]) {
  const routed = await ruleStage(set, request);
  const evaluation = await judgeStage(deps, set, request, routed);
  return { routed, evaluation, record: buildRulingRecord({ set, request, evaluation, now: new Date() }) };
}

await heldPerRequest(record); // warm: the caches the pipeline fills once are not counted below
const before = await heldPerRequest(record);
const now = await heldPerRequest(async (r) => rulingWrite((await record(r)).record));
const show = (x: { bytes: number; objects: number }) =>
  `${Math.round(x.bytes)} bytes, ${Math.round(x.objects)} objects`;
console.log(`held per waiting request over ${corpus.length} corpus messages: before ${show(before)}; now ${show(now)}`);
