import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { loadConfig } from "../src/config/config.js";
import { buildNodeService } from "../src/entry/node-service.js";
import { createLogger } from "../src/lib/logger.js";
import { buildRulingRecord } from "../src/rulings/evaluation-record.js";
import { runPipeline } from "../src/moderation/pipeline.js";
import { jsonRows, tableName } from "../src/db/json-rows.js";
import { rulings, rulingNorms } from "../src/db/schema/index.js";
import { rulingView } from "../src/rulings/ruling-view.js";
import { rulingSummary } from "../src/http/return-preference.js";
import { rulingCreatedEvents } from "../src/webhooks/ruling-events.js";
const config = loadConfig({ MORES_DATA_DIR: "/tmp/y15hot-rowsize", MORES_OPERATOR_KEY: "bench-operator-key-0123456789", LOG_LEVEL: "warn" });
const service = await buildNodeService(config, { logger: createLogger("warn"), announce: () => {} });
const s = service.services;
const set = await s.normSets.current("default");
const lines = readFileSync("bench/corpus.jsonl", "utf8").split("\n").filter(Boolean).slice(0, 15);
const inputs = [];
for (const line of lines) {
  const { text, author, context } = JSON.parse(line);
  const request = { content: { text }, ...(author ? { author } : {}), ...(context ? { context } : {}) };
  inputs.push({ request, evaluation: await runPipeline(s.judgment, set, request) });
}
function time(name: string, n: number, f: () => unknown) {
  for (let i = 0; i < n / 5; i++) f();
  let best = Infinity;
  for (let k = 0; k < 7; k++) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < n / 5; i++) f();
    best = Math.min(best, Number(process.hrtime.bigint() - t) / (n / 5) / 1000);
  }
  console.log(name.padEnd(30), best.toFixed(2), "µs");
}
const records = inputs.map(({ request, evaluation }) => buildRulingRecord({ set, request, evaluation, now: new Date() }));
time("buildRulingRecord x15", 2000, () => inputs.map(({ request, evaluation }) => buildRulingRecord({ set, request, evaluation, now: new Date() })));
time("jsonRows rulings x15", 2000, () => jsonRows(rulings, records.map((r) => r.row)));
time("JSON.stringify rows x15", 2000, () => JSON.stringify(records.map((r) => r.row)));
time("jsonRows norms", 2000, () => jsonRows(rulingNorms, records.flatMap((r) => r.norms)));
const dialect = new PgDialect();
const q = () => sql`with inserted as (insert into ${tableName(rulings)} ${jsonRows(rulings, records.map((r) => r.row))} on conflict do nothing returning id), outcomes as (insert into ${tableName(rulingNorms)} select n.* from (${jsonRows(rulingNorms, records.flatMap((r) => r.norms))}) n where n.ruling_id in (select id from inserted)), ${rulingCreatedEvents} select id from inserted`;
time("sql + sqlToQuery", 2000, () => dialect.sqlToQuery(q()));
const built = q();
time("sqlToQuery only", 2000, () => dialect.sqlToQuery(built));
const small = sql`with inserted as (insert into ${tableName(rulings)} select * from jsonb_populate_recordset(null::${tableName(rulings)}, ${"x"}::jsonb) on conflict do nothing returning id), outcomes as (insert into ${tableName(rulingNorms)} select n.* from (select 1) n where n.ruling_id in (select id from inserted)), ${rulingCreatedEvents} select id from inserted`;
time("sqlToQuery tiny param", 2000, () => dialect.sqlToQuery(small));
time("rulingView+summary x15", 2000, () => records.map((r) => JSON.stringify(rulingSummary(rulingView(r.row, r.norms)))));
await service.close();
