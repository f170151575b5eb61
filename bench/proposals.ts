/**
 * npm run bench:proposals — what a proposal costs its editor: the time to
 * submit one (validate, run every example, replay recent rulings, diff) as
 * the number of rulings replayed grows, on the embedded PGlite. The rulings
 * come from bench/corpus.jsonl through the real moderate verb.
 *
 * Usage: npm run bench:proposals [-- rulings=5000]
 */
import { loadConfig } from "../src/config/config.js";
import { resultRows } from "../src/db/json-rows.js";
import { openDatabase } from "../src/db/open-node.js";
import type { EvaluationRequest, Principal } from "../src/domain/index.js";
import { buildNodeService } from "../src/entry/node-service.js";
import { createLogger } from "../src/lib/logger.js";
import { moderate } from "../src/moderation/moderate.js";
import { submitProposal } from "../src/proposals/submit-proposal.js";
import { readCorpus } from "./corpus.js";

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split("=") as [string, string]));
const RULINGS = Number(args.rulings ?? 5000);
const corpus: EvaluationRequest[] = readCorpus();

const config = loadConfig({ MORES_OPERATOR_KEY: "bench-operator-key-0123456789", LOG_LEVEL: "silent" });
const service = await buildNodeService(config, {
  database: await openDatabase({ kind: "pglite" }),
  logger: createLogger("silent"),
});
const ctx = service.services;
const operator: Principal = { kind: "operator", keyId: "operator", name: "bench" };

let t = performance.now();
await Promise.all(corpus.slice(0, RULINGS).map((r) => moderate(ctx, "default", r)));
console.log(`${RULINGS} rulings recorded in ${((performance.now() - t) / 1000).toFixed(1)} s`);

const threatRulings = resultRows<{ n: number }>(
  await ctx.db.execute(
    "select count(*)::int as n from ruling_norms where norm_id = 'threats' and outcome = 'violated'" as never,
  ),
)[0]?.n;
console.log(`${threatRulings} of them violate threats`);
const threats = (await ctx.normSets.current("default")).pack.norms.find((n) => n.id === "threats");
for (const replay of [0, 500, RULINGS]) {
  await ctx.db.execute(
    `update communities set settings = jsonb_set(settings, '{proposals}', '{"adoption":"admin","replay_count":${replay}}') where id = 'default'` as never,
  );
  ctx.normSets.invalidate("default");
  const times: number[] = [];
  let changed = 0;
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    const p = await submitProposal(
      ctx,
      "default",
      { title: "bench", change: { kind: "norm", norm: { ...threats, action: "hide" } as Record<string, unknown> } },
      operator,
    );
    times.push(performance.now() - t);
    changed = p.report.replay.changed;
  }
  times.sort((a, b) => a - b);
  console.log(
    `  replaying ${String(replay).padStart(5)} rulings: submission takes ${Math.round(times[1] as number)} ms (median of 3), ${changed} decisions would change`,
  );
}
await service.close();
