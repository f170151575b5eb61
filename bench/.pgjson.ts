import { readFileSync } from "node:fs";
import postgres from "postgres";
import { loadConfig } from "../src/config/config.js";
import { buildNodeService } from "../src/entry/node-service.js";
import { createLogger } from "../src/lib/logger.js";
import { buildRulingRecord } from "../src/rulings/evaluation-record.js";
import { runPipeline } from "../src/moderation/pipeline.js";
import { rowsJson } from "../src/db/json-rows.js";
import { rulings } from "../src/db/schema/index.js";
import { startPgCluster } from "../test/support/pg-cluster.js";
const cluster = (await startPgCluster({ durable: false }))!;
const config = loadConfig({ DATABASE_URL: cluster.url, MORES_DATA_DIR: "/tmp/y15hot-pgjson", MORES_OPERATOR_KEY: "bench-operator-key-0123456789", LOG_LEVEL: "warn" });
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
const sql = postgres(cluster.url, { max: 1, onnotice: () => {}, types: { j: { to: 3802, from: [], serialize: (x: unknown) => x, parse: (x: unknown) => x }, js: { to: 114, from: [], serialize: (x: unknown) => x, parse: (x: unknown) => x } } });
sql.options.serializers[3802] = (x: unknown) => x; sql.options.serializers[114] = (x: unknown) => x;
const pid = (await sql`select pg_backend_pid() as p`)[0]!.p as number;
const cpu = () => { const f = readFileSync(`/proc/${pid}/stat`, "utf8"); const x = f.slice(f.lastIndexOf(")") + 2).split(" "); return (Number(x[11]) + Number(x[12])) * 10000; };
const variants = {
  jsonb: "insert into rulings select * from jsonb_populate_recordset(null::rulings, $1::jsonb) returning id",
  json: "insert into rulings select * from json_populate_recordset(null::rulings, $1::json) returning id",
};
delete (variants as Record<string, string>).json;
for (let round = 0; round < 3; round++)
  for (const [name, text] of Object.entries(variants).flatMap(([n, t]) => [[`${n} pglz`, t], [`${n} lz4`, t]])) {
    await sql.unsafe(`set default_toast_compression = ${name.endsWith("lz4") ? "lz4" : "pglz"}`);
    const before = cpu();
    const n = 300;
    for (let i = 0; i < n; i++) {
      const records = inputs.map(({ request, evaluation }) => buildRulingRecord({ set, request, evaluation, now: new Date() }).row);
      await sql.unsafe(text, [rowsJson(rulings, records)], { prepare: true });
    }
    console.log(name, "backend CPU µs per ruling:", ((cpu() - before) / (n * 15)).toFixed(1));
  }
const [a] = await sql`select count(*)::int as n, avg(pg_column_size(r.*))::int as row, avg(pg_column_size(facts))::int as facts, avg(pg_column_size(trace))::int as trace, avg(pg_column_size(evidence))::int as evidence, avg(octet_length(facts::text))::int as facts_text, sum(case when pg_column_compression(facts) is not null then 1 else 0 end)::int as compressed from rulings r`;
console.log(a);
await sql.end(); await service.close(); cluster.stop();
