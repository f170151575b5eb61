/**
 * How long the engine takes to settle, and what the server's evaluation adds to `evaluate()`: CPU µs per
 * evaluation of this process in blocks of 2,000 messages from a cold start (three passes over the corpus), then,
 * settled, `evaluate()` alone against `evaluate()` plus the language reading the verb adds (`readLanguage`, the
 * language policy's input), which bench:engine leaves out.
 * Why: bench:engine reports a settled engine (seven passes first, then five measured), while a server measured after
 * a short warm-up is still being optimised by V8: hundreds of functions, many on rare paths (the sentence
 * layer runs on ~14% of messages), each optimised only once it has run often enough.
 * Usage: node --import tsx --import ./bench/compiled-src.mjs bench/engine-settling.ts
 */
import type { EvaluationRequest } from "../src/domain/index.js";
import { readLanguage } from "../src/facts/language.js";
import { exactLexiconHits } from "../src/moderation/pipeline.js";
import { loadPackDir } from "../src/norms/load-pack.js";
import { evaluate } from "../src/rules/evaluate.js";
import { readCorpus } from "./corpus.js";

const corpus: EvaluationRequest[] = readCorpus();
const { loaded, errors } = await loadPackDir("norms/default");
if (!loaded) throw new Error(errors.map((e) => e.message).join("\n"));
const set = loaded.compiled;
const cpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const BLOCK = 2000;

/** An evaluation and the verb's language reading of it, as applyPolicies asks it. */
async function withLanguage(request: EvaluationRequest) {
  const e = await evaluate(set, request);
  await readLanguage(request.content.text, exactLexiconHits(e.evidence));
}

const blocks: number[] = [];
for (let pass = 0; pass < 3; pass++)
  for (let from = 0; from < corpus.length; from += BLOCK) {
    const started = cpuUs();
    const block = corpus.slice(from, from + BLOCK);
    for (const r of block) await evaluate(set, r);
    blocks.push((cpuUs() - started) / block.length);
  }
console.log(`CPU µs per evaluation, blocks of ${BLOCK} from a cold start (${corpus.length} messages a pass):`);
console.log(`  ${blocks.map((us) => us.toFixed(0)).join(", ")}`);

const settled = async (f: (r: EvaluationRequest) => Promise<unknown>) => {
  const started = cpuUs();
  for (const r of corpus) await f(r);
  return (cpuUs() - started) / corpus.length;
};
const alone = await settled((r) => evaluate(set, r));
// Once untimed: the first pass loads the language detector (eld's n-grams, on first use) and optimises the
// reading, ~50 µs a message spread over 12,000 (it read 91 µs against 45 µs alone when timed first).
await settled(withLanguage);
const language = await settled(withLanguage);
console.log(`settled: evaluate() ${alone.toFixed(1)} µs; with the verb's language reading ${language.toFixed(1)} µs`);
