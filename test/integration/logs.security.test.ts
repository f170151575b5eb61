import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashKey } from "../../src/access/key-format.js";
import { openDatabase } from "../../src/db/open-node.js";
import type { Backend } from "../support/backends.js";
import { moderationBody, opsScenario } from "../support/ops-scenario.js";
import { type PgCluster, startPgCluster } from "../support/pg-cluster.js";
import { judgment, type ScriptedLlm, startScriptedLlm } from "../support/scripted-llm.js";
import { OPERATOR_KEY, startService, type TestService } from "../support/service.js";

/**
 * Logs never hold data. A realistic run — keys made and revoked, moderations
 * (one judged by a model that then fails), appeals filed and decided, bad
 * requests, a reused idempotency key, unknown keys, and a database outage —
 * is logged at debug level, and every text, author id, appeal word, key,
 * key secret and key hash the run used is searched for in every line.
 */
const C = "/v1/communities/default";
const scenario = opsScenario();

let cluster: PgCluster | null;
let svc: TestService;
let llm: ScriptedLlm;
const logLines: string[] = [];

beforeAll(async () => {
  cluster = await startPgCluster();
  llm = await startScriptedLlm();
  if (!cluster) return;
  const url = cluster.url;
  const backend: Backend = { name: "postgres", open: () => openDatabase({ kind: "postgres", url, poolSize: 4 }) };
  svc = await startService(
    backend,
    {
      MORES_WEBHOOK_INTERVAL_MS: "200",
      REASONER_PROVIDER: "openai",
      REASONER_MODEL: "scripted-judge",
      REASONER_BASE_URL: llm.url,
      REASONER_API_KEY: "sk-scripted-secret-4471",
      REASONER_MAX_RETRIES: "0",
    },
    { logLines },
  );
});
afterAll(async () => {
  await svc?.close().catch(() => {});
  await llm?.close();
  cluster?.stop();
});

type Made = { id: string; key: string };

describe("log hygiene", () => {
  it("no log line holds content, author ids, appeal text, SQL or any key, secret or key hash", async (ctx) => {
    if (!cluster) return ctx.skip();
    const secrets: string[] = [OPERATOR_KEY, hashKey(OPERATOR_KEY), "sk-scripted-secret-4471"];
    const makeKey = async (role: string): Promise<Made> => {
      const res = await svc.post(`${C}/keys`, { role, name: `${role} key` });
      expect(res.status).toBe(201);
      const made = (await res.json()) as Made;
      secrets.push(made.key, made.key.slice(-43), hashKey(made.key));
      return made;
    };
    const platform = await makeKey("platform");
    const moderator = await makeKey("moderator");
    const as = (k: Made) => ({ authorization: `Bearer ${k.key}` });

    // Moderations; the reclaimed slur goes to the model, which fails (provider_error → review).
    llm.script({ status: 500 }, { content: judgment({ verdict: "unclear" }) });
    const rulings: string[] = [];
    for (let i = 0; i < scenario.moderations.length; i++) {
      const res = await svc.post(`${C}/moderate`, moderationBody(scenario, i, "logs"), as(platform));
      expect(res.status).toBe(201);
      rulings.push(((await res.json()) as { id: string }).id);
    }
    // Errors: an idempotency key reused for another body, an invalid body, unknown and malformed keys.
    const idem = { ...as(platform), "idempotency-key": scenario.idempotency_key };
    expect((await svc.post(`${C}/moderate`, moderationBody(scenario, 0, "idem-a"), idem)).status).toBe(201);
    expect((await svc.post(`${C}/moderate`, moderationBody(scenario, 1, "idem-b"), idem)).status).toBe(422);
    const invalid = { content: { text: 5 }, note: scenario.invalid_text_field };
    expect((await svc.post(`${C}/moderate`, invalid, as(platform))).status).toBe(400);
    const unknown = `mores_key_${"0".repeat(26)}_${"A".repeat(43)}`;
    secrets.push(unknown, hashKey(unknown));
    expect((await svc.get(`${C}/rulings`, { authorization: `Bearer ${unknown}` })).status).toBe(401);

    // An appeal, filed and decided.
    const filed = await svc.post(
      `${C}/rulings/${rulings[1]}/appeals`,
      { grounds: scenario.appeal.grounds },
      as(platform),
    );
    expect(filed.status).toBe(201);
    const appeal = (await filed.json()) as { id: string };
    const decided = await svc.post(
      `${C}/appeals/${appeal.id}/decision`,
      { outcome: "upheld", rationale: scenario.appeal.rationale, moderator: scenario.appeal.moderator },
      as(moderator),
    );
    expect(decided.status).toBe(200);

    // A revoked key.
    expect((await svc.send("DELETE", `${C}/keys/${platform.id}`)).status).toBe(200);
    expect((await svc.get(`${C}/rulings`, as(platform))).status).toBe(401);

    // A database outage: requests fail, background work (webhooks, shadows) fails, then it comes back.
    await cluster.down();
    const down = await svc.post(`${C}/moderate`, moderationBody(scenario, 2, "outage"));
    expect(down.status).toBe(503);
    expect((await fetch(`${svc.base}/ready`)).status).toBe(503);
    await new Promise((r) => setTimeout(r, 500));
    await cluster.up();
    let ready = 0;
    for (let i = 0; i < 600 && ready !== 200; i++) {
      await new Promise((r) => setTimeout(r, 100));
      ready = (await fetch(`${svc.base}/ready`)).status;
    }
    expect(ready).toBe(200);

    // The run was logged (so the search below has something to search) ...
    expect(logLines.filter((l) => l.includes('"msg":"request"')).length).toBeGreaterThan(15);
    expect(logLines.some((l) => l.includes('"msg":"database unavailable"'))).toBe(true);
    // ... and holds none of what was sent.
    const data = [
      ...scenario.moderations.flatMap((m) => [m.text, JSON.stringify(m.text).slice(1, -1), m.author]),
      scenario.appeal.grounds,
      scenario.appeal.rationale,
      scenario.appeal.moderator,
      scenario.invalid_text_field,
      scenario.idempotency_key,
      ...secrets,
    ];
    const leaks = logLines.flatMap((line) => data.filter((d) => line.includes(d)).map((d) => ({ d, line })));
    expect(leaks).toEqual([]);
    const sql = logLines.filter((l) => /\b(insert into|select .* from|update .* set|delete from)\b/i.test(l));
    expect(sql).toEqual([]);
  }, 120_000);
});
