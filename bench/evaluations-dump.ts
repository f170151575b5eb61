/**
 * `npx tsx bench/evaluations-dump.ts OUT.jsonl`: every evaluation of the bench corpus and the functional suite
 * (decision, engaged norms with traces, facts, evidence), one JSON line each. A change meant to make the
 * engine faster and nothing else must leave this file byte-identical (`cmp before.jsonl after.jsonl`).
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import type { EvaluationRequest } from "../src/domain/index.js";
import { loadPackDir } from "../src/norms/load-pack.js";
import { evaluate } from "../src/rules/evaluate.js";
import { readCorpus } from "./corpus.js";

const FUNCTIONAL = "test/fixtures/functional";
const lines = (path: string) => readFileSync(path, "utf8").split("\n").filter(Boolean);
const requests: EvaluationRequest[] = readCorpus();
for (const file of readdirSync(FUNCTIONAL).filter((f) => f.endsWith(".jsonl")))
  for (const line of lines(`${FUNCTIONAL}/${file}`)) {
    const c = JSON.parse(line);
    requests.push({ content: { text: c.text }, ...(c.author_groups ? { author: { groups: c.author_groups } } : {}) });
  }
const out = process.argv[2];
if (!out) throw new Error("usage: npx tsx bench/evaluations-dump.ts OUT.jsonl");
const { loaded, errors } = await loadPackDir("norms/default");
if (!loaded) throw new Error(errors.map((e) => e.message).join("\n"));
const rows: string[] = [];
for (const r of requests) rows.push(JSON.stringify(await evaluate(loaded.compiled, r)));
writeFileSync(out, `${rows.join("\n")}\n`);
console.log(`${rows.length} evaluations written to ${out}`);
