import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/open-node.js";
import type { Backend } from "../support/backends.js";
import { moderationBody, opsScenario } from "../support/ops-scenario.js";
import { type PgCluster, startPgCluster } from "../support/pg-cluster.js";
import { startService, type TestService } from "../support/service.js";

/**
 * A PostgreSQL outage under traffic: the cluster is stopped (immediate mode,
 * like a crash) while clients keep moderating, then started again. Nothing
 * may hang: every answer is a ruling or a quick 503 `database_unavailable`
 * with Retry-After; /ready says why; and the same process recovers by itself.
 */
const C = "/v1/communities/default";
const scenario = opsScenario();
/**
 * Far below the 60 s hangs this replaces. A request may wait out the connect timeout (2 s) and a
 * reconnect (≤ 0.5 s) on its way to failing; alone this run's slowest answers take ~1.6 s, beside other
 * suites on 2 loaded cores ~3.4 s were seen, and on a machine shared by many jobs (load 20+) more: the
 * bound tells a bounded wait from a hang, not a fast machine from a slow one.
 */
const FAST_MS = 15_000;

type Answer = { status: number; ms: number; code?: string; retryAfter: string | null; id?: string };

let cluster: PgCluster | null;
let svc: TestService;
const logLines: string[] = [];

beforeAll(async () => {
  // Durable settings: with fsync and synchronous_commit off, a crash loses commits already answered.
  cluster = await startPgCluster({ durable: true });
  if (!cluster) return;
  const url = cluster.url;
  const backend: Backend = { name: "postgres", open: () => openDatabase({ kind: "postgres", url, poolSize: 4 }) };
  svc = await startService(backend, { MORES_WEBHOOK_INTERVAL_MS: "0" }, { logLines });
});
afterAll(async () => {
  await svc?.close().catch(() => {});
  cluster?.stop();
});

async function moderate(i: number): Promise<Answer> {
  const started = performance.now();
  const res = await svc.post(`${C}/moderate`, moderationBody(scenario, i, "outage"));
  const body = (await res.json()) as { code?: string; id?: string };
  return {
    status: res.status,
    ms: performance.now() - started,
    retryAfter: res.headers.get("retry-after"),
    ...(body.code ? { code: body.code } : {}),
    ...(body.id ? { id: body.id } : {}),
  };
}

async function ready() {
  const started = performance.now();
  const res = await fetch(`${svc.base}/ready`);
  return { status: res.status, ms: performance.now() - started, body: await res.json() };
}

describe("a database outage under traffic", () => {
  it("answers 2xx or a fast 503 throughout, /ready reports it, and recovers without a restart", async (ctx) => {
    if (!cluster) return ctx.skip();
    const answers: Answer[] = [];
    let n = 0;
    let running = true;
    const client = async () => {
      while (running) answers.push(await moderate(n++));
    };
    const clients = Array.from({ length: 6 }, client);
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

    // Traffic flows first: at least one answer before the outage, however long a loaded machine takes.
    while (answers.length === 0) await sleep(50);
    await sleep(300);
    const before = answers.length;
    await cluster.down();
    await sleep(2500);
    const during = await ready();
    await cluster.up();

    let recovered = false;
    // Until the test's own timeout: how soon the pool reconnects depends on the machine, not on mores.
    while (!recovered) {
      await sleep(100);
      recovered = answers.slice(-6).some((a) => a.status === 201);
    }
    const after = await ready();
    running = false;
    await Promise.all(clients);

    expect(before, "traffic flowed before the outage").toBeGreaterThan(0);
    const unavailable = answers.filter((a) => a.status === 503);
    expect(unavailable.length, "the outage was felt").toBeGreaterThan(0);
    const slowOrWrong = answers.filter((a) => ![200, 201, 503].includes(a.status) || a.ms >= FAST_MS);
    expect(slowOrWrong).toEqual([]);
    for (const a of unavailable) {
      expect(a.code).toBe("database_unavailable");
      expect(Number(a.retryAfter)).toBeGreaterThan(0);
    }
    expect(during.status).toBe(503);
    expect(during.body).toEqual({ status: "unavailable", reason: "database_unavailable" });
    expect(during.ms).toBeLessThan(FAST_MS);

    expect(recovered, "moderations succeed again once PostgreSQL is back").toBe(true);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ status: "ready", database: "ok" });

    // Every ruling that was answered is there after the outage (durable before answering).
    const answered = answers.filter((a) => a.status === 201 && a.id);
    for (const a of answered.slice(-20)) expect((await svc.get(`${C}/rulings/${a.id}`)).status).toBe(200);

    // The outage is in the log, but none of the SQL or the data sent.
    expect(logLines.some((l) => l.includes("database unavailable"))).toBe(true);
    const leaks = logLines.filter(
      (l) => /insert into|select |jsonb?_populate/i.test(l) || scenario.moderations.some((m) => l.includes(m.author)),
    );
    expect(leaks).toEqual([]);
  }, 120_000);
});
