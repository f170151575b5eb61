import { readFileSync } from "node:fs";
import { loadConfig } from "../src/config/config.js";
import { buildNodeService } from "../src/entry/node-service.js";
import { createLogger } from "../src/lib/logger.js";
import { buildRulingRecord } from "../src/rulings/evaluation-record.js";
import { runPipeline } from "../src/moderation/pipeline.js";
const config = loadConfig({ MORES_DATA_DIR: "/tmp/y15hot-rowsize", MORES_OPERATOR_KEY: "bench-operator-key-0123456789", LOG_LEVEL: "warn" });
const service = await buildNodeService(config, { logger: createLogger("warn"), announce: () => {} });
const s = service.services;
const set = await s.normSets.current("default");
const lines = readFileSync("bench/corpus.jsonl", "utf8").split("\n").filter(Boolean).slice(0, 300);
let total = 0, facts = 0, trace = 0, evidence = 0, n = 0;
const sizes: Record<string, number> = {};
for (const line of lines) {
  const { text, author, context } = JSON.parse(line);
  const request = { content: { text }, ...(author ? { author } : {}), ...(context ? { context } : {}) };
  const evaluation = await runPipeline(s.judgment, set, request);
  const rec = buildRulingRecord({ set, request, evaluation, now: new Date() });
  total += JSON.stringify(rec.row).length; facts += JSON.stringify(rec.row.facts).length; trace += JSON.stringify(rec.row.trace).length; evidence += JSON.stringify(rec.row.evidence).length; n++;
  for (const [k, v] of Object.entries(rec.row.facts as object)) sizes[k] = (sizes[k] ?? 0) + JSON.stringify(v ?? null).length;
}
console.log({ row: total / n, facts: facts / n, trace: trace / n, evidence: evidence / n });
console.log(Object.entries(sizes).sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `${k}:${Math.round(v / n)}`).join(" "));
const one = JSON.parse(lines[5]!); const ev = await runPipeline(s.judgment, set, { content: { text: one.text } });
console.log(JSON.stringify(buildRulingRecord({ set, request: { content: { text: one.text } }, evaluation: ev, now: new Date() }).row.trace).slice(0, 1500));
await service.close();
