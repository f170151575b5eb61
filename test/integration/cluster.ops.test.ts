import { execFile } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { Agent } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { repoPath } from "../helpers/packs.js";
import { freshDatabase } from "../support/backends.js";
import { freePort } from "../support/free-port.js";
import { httpCases } from "../support/http-cases.js";
import { type NodeProcess, send, startNodeProcess } from "../support/node-process.js";
import { type ScriptedLlm, scriptedReasonerEnv, startScriptedLlm } from "../support/scripted-llm.js";
import { OPERATOR_KEY, TEST_WEBHOOK_ENV } from "../support/service.js";
import { type Receiver, startReceiver } from "../support/webhook-receiver.js";

/**
 * mores as operators run it: `npm start`'s entry with MORES_WORKERS=2 on a
 * throwaway PostgreSQL, driven over real HTTP. Connections without keep-alive
 * are spread across both workers by node:cluster, so every figure here is
 * what the service as a whole does, not one process. The key cache is set to
 * a minute, so a revocation seen within a second can only come from the
 * revocation notice. One test stops the service under load; whichever test
 * runs after it finds it stopped and starts it again on the same database
 * (`beforeEach`), so the tests pass in any order.
 */
const C = "/v1/communities/default";
const admin = inject("postgresUrl");
let svc: NodeProcess;
let port: number;
let metricsPort: number;
let databaseUrl: string;
let operatorKey = OPERATOR_KEY;
let llm: ScriptedLlm;
let receiver: Receiver;

/** The service on the test database, with the operator key in use now (a test may have rotated it). */
const start = async () =>
  startNodeProcess(
    {
      ...TEST_WEBHOOK_ENV,
      DATABASE_URL: databaseUrl,
      MORES_WORKERS: "2",
      MORES_OPERATOR_KEY: operatorKey,
      MORES_METRICS_PORT: String(metricsPort),
      MORES_DATA_DIR: await mkdtemp(join(tmpdir(), "mores-cluster-")),
      MORES_NORMS_DIR: repoPath("norms/default"),
      MORES_KEY_CACHE_MS: "60000",
      MORES_WEBHOOK_INTERVAL_MS: "100",
      MORES_SHUTDOWN_GRACE_MS: "300",
      LOG_LEVEL: "info",
      ...scriptedReasonerEnv(llm.url),
    },
    port,
  );

beforeAll(async () => {
  if (!admin) return;
  databaseUrl = await freshDatabase(admin);
  llm = await startScriptedLlm();
  receiver = await startReceiver();
  port = await freePort();
  metricsPort = await freePort();
  svc = await start();
}, 120_000);
// Only after the SIGTERM test: a stopped service is started again, fresh figures and logs, same data.
beforeEach(async () => {
  if (svc && svc.proc.exitCode !== null) svc = await start();
}, 120_000);
afterAll(async () => {
  svc?.proc.kill("SIGKILL");
  await llm?.close();
  await receiver?.close();
});

const call = (method: string, path: string, body?: unknown, key: string | null = operatorKey) =>
  send({ port, method, path, ...(key ? { key } : {}), ...(body === undefined ? {} : { body }) });

async function newKey(role: string, rate_limit?: { per_second: number; burst: number }) {
  const res = await call("POST", `${C}/keys`, { role, ...(rate_limit ? { rate_limit } : {}) });
  expect(res.status, res.body).toBe(201);
  return JSON.parse(res.body) as { id: string; key: string };
}

/** The value of one series in Prometheus text (`name{labels} value`); undefined when absent. */
function series(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (want.every((l) => line.includes(l))) return Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return undefined;
}

describe.runIf(admin)("two workers on PostgreSQL", () => {
  it("/metrics sums every worker: requests, decisions, review queue, group commit, model calls, webhooks", async () => {
    const hook = await call("POST", `${C}/webhooks`, { url: receiver.url, events: ["ruling.created"] });
    expect(hook.status, hook.body).toBe(201);
    receiver.secret = (JSON.parse(hook.body) as { secret: string }).secret;
    const reviewCase = httpCases().find((c) => c.decision === "review");
    const judged = await call("POST", `${C}/moderate`, reviewCase?.body);
    expect(JSON.parse(judged.body).decision).toBe("review");
    const sent = 20;
    const answers = await Promise.all(
      Array.from({ length: sent }, (_, i) =>
        call("POST", `${C}/moderate`, { content: { id: `metrics-${i}`, text: `Lovely weather today, part ${i}.` } }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(sent).fill(201));
    await receiver.waitFor(1);

    expect((await call("GET", "/metrics", undefined, null)).status).toBe(401);
    const platform = await newKey("admin");
    const refused = await call("GET", "/metrics", undefined, platform.key);
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body).code).toBe("forbidden");

    const scraped = await call("GET", "/metrics");
    expect(scraped.status).toBe(200);
    expect(scraped.headers["content-type"]).toContain("text/plain");
    const text = scraped.body;
    const moderate = { route: "/v1/communities/:community/moderate" };
    // Each worker saw part of the traffic: only the sum over both equals what was sent.
    expect(series(text, "mores_http_requests_total", { ...moderate, status: "201" })).toBe(sent + 1);
    expect(series(text, "mores_http_request_duration_seconds_count", moderate)).toBe(sent + 1);
    expect(series(text, "mores_http_request_duration_seconds_bucket", { ...moderate, le: "+Inf" })).toBe(sent + 1);
    expect(series(text, "mores_decisions_total", { decision: "allow", norm: "none" })).toBe(sent);
    expect(series(text, "mores_decisions_total", { decision: "review", norm: reviewCase?.norm?.id ?? "" })).toBe(1);
    // The queue is read from the database at scrape: the same in both workers, so not doubled.
    expect(series(text, "mores_review_queue_depth", { community: "default" })).toBe(1);
    expect(series(text, "mores_review_queue_oldest_seconds", { community: "default" })).toBeGreaterThan(0);
    expect(series(text, "mores_group_commit_batch_size_sum")).toBe(sent + 1);
    expect(series(text, "mores_group_commit_flush_seconds_count")).toBeGreaterThan(0);
    expect(series(text, "mores_model_call_duration_seconds_count", { outcome: "ok" })).toBe(1);
    expect(text).toContain("# TYPE mores_model_call_failures_total counter");
    expect(text).toContain("# TYPE mores_database_errors_total counter");
    expect(series(text, "mores_webhook_deliveries_total", { outcome: "delivered" })).toBeGreaterThanOrEqual(1);

    // Its own port serves the same figures without a key, and nothing else.
    const own = await send({ port: metricsPort, method: "GET", path: "/metrics" });
    expect(own.status).toBe(200);
    expect(series(own.body, "mores_http_requests_total", { ...moderate, status: "201" })).toBe(sent + 1);
    expect((await send({ port: metricsPort, method: "GET", path: "/v1/communities" })).status).toBe(404);

    // One info access line per request, with the route template and never the key.
    const lines = svc.logs().filter((l) => l.msg === "request" && l.route === moderate.route);
    expect(lines).toHaveLength(sent + 1);
    expect(lines[0]).toMatchObject({ level: "info", method: "POST", status: 201, community: "default" });
    expect(lines[0]).toHaveProperty("requestId");
    expect(lines[0]).toHaveProperty("ms");
    expect(lines[0]).toHaveProperty("key");
    expect(JSON.stringify(svc.logs())).not.toContain(OPERATOR_KEY);
  });

  /** `n` requests at once with a new key of `limit`: each answered 200 or 429, and how long they took. */
  async function burstOf(n: number, limit: { per_second: number; burst: number }) {
    const limited = await newKey("platform", limit);
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: n }, () => call("GET", `${C}/norms`, undefined, limited.key)),
    );
    const seconds = (Date.now() - started) / 1000;
    const allowed = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status === 429);
    expect(allowed.length + refused.length).toBe(n);
    return { allowed, refused, seconds };
  }

  it("a key limited to 10/s with burst 10 gets at most limit + burst across both workers, with RateLimit headers", async () => {
    const { allowed, refused, seconds } = await burstOf(60, { per_second: 10, burst: 10 });
    // The bucket holds 10 and refills 10 a second: over the whole burst, no more than that in total.
    expect(allowed.length).toBeLessThanOrEqual(10 + Math.ceil(10 * seconds));
    expect(refused.length).toBeGreaterThan(0);
    expect(allowed[0]?.headers["ratelimit-policy"]).toBe('"key";q=10;w=1');
    expect(allowed[0]?.headers.ratelimit).toMatch(/^"key";r=\d+;t=\d+$/);
    expect(refused[0]?.headers["retry-after"]).toMatch(/^\d+$/);
    expect(refused[0]?.headers.ratelimit).toMatch(/^"key";r=0;t=\d+$/);
  });

  it("a key with a large limit, served from tokens leased to both workers, still gets at most limit + burst", async () => {
    // Burst 200 over two workers: each keeps a stock of 25 tokens taken from the primary's bucket.
    const { allowed, refused, seconds } = await burstOf(400, { per_second: 50, burst: 200 });
    expect(allowed.length).toBeLessThanOrEqual(200 + Math.ceil(50 * seconds));
    expect(allowed.length).toBeGreaterThanOrEqual(200 - 2 * 25);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]?.headers["retry-after"]).toMatch(/^\d+$/);
  });

  it("a revoked key is refused by both workers within a second, though each had it cached", async () => {
    const moderator = await newKey("moderator");
    const warm = await Promise.all(
      Array.from({ length: 8 }, () => call("GET", `${C}/norms`, undefined, moderator.key)),
    );
    expect(warm.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect((await call("DELETE", `${C}/keys/${moderator.id}`)).status).toBe(200);
    const revokedAt = Date.now();
    await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - revokedAt))));
    const after = await Promise.all(
      Array.from({ length: 8 }, () => call("GET", `${C}/norms`, undefined, moderator.key)),
    );
    expect(after.map((a) => a.status)).toEqual(Array(8).fill(401));
    const listed = JSON.parse((await call("GET", `${C}/keys`)).body) as {
      data: Array<{ id: string; last_used_at: string | null }>;
    };
    expect(listed.data.find((k) => k.id === moderator.id)?.last_used_at).not.toBeNull();
  });

  it("mores keys rotate-operator prints a new operator key; both workers refuse the old one within a second", async () => {
    const printed = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ["--import", "tsx", repoPath("src/cli/main.ts"), "keys", "rotate-operator"],
        { cwd: repoPath("."), env: { PATH: process.env.PATH ?? "", DATABASE_URL: databaseUrl } },
        (e, stdout, stderr) => resolve({ code: e ? ((e as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
    expect(printed.code, printed.stderr).toBe(0);
    const fresh = printed.stdout.trim();
    expect(fresh).toMatch(/^mores_key_\w+_[\w-]+$/);
    expect(printed.stderr).toContain("1 previous operator key(s) revoked");
    const rotatedAt = Date.now();
    await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - rotatedAt))));
    const old = await Promise.all(Array.from({ length: 8 }, () => call("GET", "/v1/communities")));
    expect(old.map((a) => a.status)).toEqual(Array(8).fill(401));
    operatorKey = fresh;
    const now = await Promise.all(Array.from({ length: 8 }, () => call("GET", "/v1/communities")));
    expect(now.map((a) => a.status)).toEqual(Array(8).fill(200));
  }, 60_000);

  it("SIGTERM under load: every request sent is answered or never reached a worker, nothing fails, 'stopping' and 'stopped' are logged, exit 0", async () => {
    const loops = 16;
    let answered = 0;
    let answeredAfterSignal = 0;
    let signalled = false;
    const failures: string[] = [];
    // Fresh connections reset before any answer: accepted by the kernel (or node:cluster's primary) in the instant
    // the listener closed. Any server loses those; what must hold is that none of them was acted on.
    const resetBeforeServed: string[] = [];
    const loop = async (n: number) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      for (let i = 0; ; i++) {
        const id = `load-${n}-${i}`;
        try {
          const res = await send({
            port,
            method: "POST",
            path: `${C}/moderate`,
            key: operatorKey,
            agent,
            body: { content: { id, text: `Nice to meet you all, message ${i}.` } },
          });
          if (res.status !== 201) failures.push(`${res.status} ${res.body}`);
          answered++;
          if (signalled) answeredAfterSignal++;
        } catch (e) {
          const err = e as NodeJS.ErrnoException & { reusedSocket?: boolean };
          // Refused at connect: the server no longer accepts connections, so this request never reached it.
          if (err.code === "ECONNRESET" && signalled && err.reusedSocket === false) resetBeforeServed.push(id);
          else if (err.code !== "ECONNREFUSED")
            failures.push(`${id}: ${err} (kept-alive connection: ${err.reusedSocket})`);
          break;
        }
      }
      agent.destroy();
    };
    const running = Array.from({ length: loops }, (_, n) => loop(n));
    while (answered < 200) await new Promise((r) => setTimeout(r, 20));
    signalled = true;
    svc.proc.kill("SIGTERM");
    await Promise.all(running);
    expect(await svc.exited).toBe(0);
    expect(failures).toEqual([]);
    expect(answeredAfterSignal).toBeGreaterThan(0);
    const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    try {
      const acted = await sql`select content_id from rulings where content_id = any(${resetBeforeServed})`;
      expect(acted.map((r) => r.content_id)).toEqual([]);
    } finally {
      await sql.end();
    }
    const said = svc.logs().map((l) => l.msg);
    expect(said).toContain("stopping");
    expect(said.at(-1)).toBe("stopped");
  }, 90_000);
});
