import { readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parse } from "yaml";
import { repoPath } from "../helpers/packs.js";
import { freshDatabase } from "../support/backends.js";
import { freePort } from "../support/free-port.js";
import { type NodeProcess, type Sent, send, startNodeProcess } from "../support/node-process.js";
import { type OtlpReceiver, type ReceivedSpan, startOtlpReceiver } from "../support/otlp-receiver.js";
import { type PgCluster, startPgCluster } from "../support/pg-cluster.js";
import { judgment, type ScriptedLlm, scriptedReasonerEnv, startScriptedLlm } from "../support/scripted-llm.js";
import { OPERATOR_KEY, TEST_WEBHOOK_ENV } from "../support/service.js";

/**
 * OpenTelemetry traces as an operator turns them on: `npm start`'s entry with
 * OTEL_EXPORTER_OTLP_ENDPOINT pointed at an OTLP/HTTP collector on 127.0.0.1,
 * a platform's request carrying a W3C traceparent, a model call, and then a
 * database outage. Beside it, the same service with the SDK disabled
 * (OTEL_SDK_DISABLED=true, the endpoint still set) sends the same requests:
 * its collector must hear nothing, and its answers must be the same. All the
 * traffic happens in beforeAll, so each test only reads what was collected.
 */
const C = "/v1/communities/default";
const MODERATE = "/v1/communities/:community/moderate";
const SERVER = 2;
const CLIENT = 3;
type Body = { content: { id: string; text: string } };
const cases = parse(readFileSync(repoPath("test/fixtures/traces.yaml"), "utf8")) as {
  traceparent: string;
  settled: Body;
  judged: Body;
  outage: Body;
};
const [, callerTrace, callerSpan] = cases.traceparent.split("-") as [string, string, string];

/** The trace ids of concurrent requests sent together. */
const CONCURRENT = Array.from({ length: 20 }, (_, i) => `c0ffee${(i + 1).toString(16).padStart(26, "0")}`);

const admin = inject("postgresUrl");
let cluster: PgCluster | null = null;
let llm: ScriptedLlm;
let collector: OtlpReceiver;
let silent: OtlpReceiver;
let traced: NodeProcess;
let plain: NodeProcess;
const answers: Record<"traced" | "plain", { settled?: Sent; judged?: Sent }> = { traced: {}, plain: {} };
let outage: Sent;
let plainExit: number | null;

const isServer = (s: ReceivedSpan, status?: number) =>
  s.kind === SERVER &&
  s.attributes["http.route"] === MODERATE &&
  (status === undefined || s.attributes["http.response.status_code"] === status);

async function start(database: string, extra: Record<string, string>) {
  const port = await freePort();
  const proc = await startNodeProcess(
    {
      ...TEST_WEBHOOK_ENV,
      DATABASE_URL: database,
      MORES_WORKERS: "1",
      MORES_OPERATOR_KEY: OPERATOR_KEY,
      MORES_DATA_DIR: await mkdtemp(join(tmpdir(), "mores-traces-")),
      MORES_NORMS_DIR: repoPath("norms/default"),
      MORES_WEBHOOK_INTERVAL_MS: "0",
      // Norm set and key stay cached through the outage: the write is what meets the missing database.
      MORES_NORMS_REFRESH_MS: "600000",
      MORES_KEY_CACHE_MS: "600000",
      LOG_LEVEL: "info",
      ...scriptedReasonerEnv(llm.url),
      ...extra,
    },
    port,
  );
  const moderate = (body: Body, headers: Record<string, string> = {}) =>
    send({ port, method: "POST", path: `${C}/moderate`, key: OPERATOR_KEY, body, headers });
  return { proc, moderate };
}

beforeAll(async () => {
  if (!admin) return;
  [cluster, llm, collector, silent] = await Promise.all([
    startPgCluster(),
    startScriptedLlm(),
    startOtlpReceiver(),
    startOtlpReceiver(),
  ]);
  if (!cluster) return;
  llm.respondWith(() => ({ content: judgment({ verdict: "violates" }) }));
  const [on, off] = await Promise.all([
    // A short batch delay so spans are exported while the test waits, not only at shutdown.
    start(cluster.url, { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_BSP_SCHEDULE_DELAY: "50" }),
    start(await freshDatabase(admin), { OTEL_EXPORTER_OTLP_ENDPOINT: silent.url, OTEL_SDK_DISABLED: "true" }),
  ]);
  traced = on.proc;
  plain = off.proc;
  for (const [name, svc] of [
    ["traced", on],
    ["plain", off],
  ] as const) {
    answers[name].settled = await svc.moderate(cases.settled);
    answers[name].judged = await svc.moderate(cases.judged, { traceparent: cases.traceparent });
  }
  // Concurrent requests, each in a trace of its own: the server evaluates those of one turn together.
  await Promise.all(
    CONCURRENT.map((traceId, i) =>
      on.moderate(
        { content: { id: `concurrent-${i}`, text: cases.settled.content.text } },
        { traceparent: `00-${traceId}-${"c".repeat(16)}-01` },
      ),
    ),
  );
  // A span is exported after the spans that ended before it: once the requests' own spans are in, so are their stages.
  await collector.waitFor((spans) => spans.filter((s) => isServer(s)).length >= 2 + CONCURRENT.length);
  // The database goes away: the next moderation cannot be recorded.
  await cluster.down();
  outage = await on.moderate(cases.outage);
  await collector.waitFor((spans) => spans.some((s) => isServer(s, outage.status)));
  plain.proc.kill("SIGTERM");
  plainExit = await plain.exited;
}, 180_000);

afterAll(async () => {
  traced?.proc.kill("SIGKILL");
  plain?.proc.kill("SIGKILL");
  await Promise.all([llm?.close(), collector?.close(), silent?.close()]);
  cluster?.stop();
});

const spansOf = (traceId: string) => collector.spans().filter((s) => s.traceId === traceId);
const byName = (spans: ReceivedSpan[], name: string) => spans.filter((s) => s.name === name);

describe("traces (OTEL_EXPORTER_OTLP_ENDPOINT set)", () => {
  it("a request with a traceparent continues the platform's trace: the server span is its child, named by route", (ctx) => {
    if (!cluster) return ctx.skip();
    expect(answers.traced.judged?.status).toBe(201);
    const [server, ...others] = spansOf(callerTrace).filter((s) => isServer(s));
    expect(others).toEqual([]);
    expect(server).toMatchObject({
      name: `POST ${MODERATE}`,
      parentSpanId: callerSpan,
      attributes: { "http.request.method": "POST", "http.response.status_code": 201, "mores.community": "default" },
      resource: { "service.name": "mores" },
    });
    expect(server?.attributes["mores.request_id"]).toBe(answers.traced.judged?.headers["request-id"]);
  });

  it("the stages are the request span's children: facts, rules, judgment with its model call, and the ruling's write", (ctx) => {
    if (!cluster) return ctx.skip();
    const spans = spansOf(callerTrace);
    const server = spans.find((s) => isServer(s)) as ReceivedSpan;
    const only = (name: string) => {
      const found = byName(spans, name);
      expect(found, name).toHaveLength(1);
      return found[0] as ReceivedSpan;
    };
    for (const name of ["mores.facts", "mores.rules", "mores.judgment", "mores.ruling.write"]) {
      expect(only(name).parentSpanId, name).toBe(server.spanId);
    }
    expect(only("mores.rules").attributes["mores.decision"]).toBe("review");
    const model = only("mores.model_call");
    expect(model.parentSpanId).toBe(only("mores.judgment").spanId);
    expect(model).toMatchObject({
      kind: CLIENT,
      attributes: {
        "gen_ai.provider.name": "openai",
        "gen_ai.request.model": "scripted-judge",
        "mores.norm": "slurs",
        "mores.judgment.outcome": "ok",
        "mores.judgment.verdict": "violates",
      },
    });
    expect(only("mores.judgment").attributes["mores.decision"]).toBe("remove");
    // The shared write: its flush is the child of the first write it serves and links to every one.
    const write = only("mores.ruling.write");
    const flush = only("mores.group_commit.flush");
    expect(flush.parentSpanId).toBe(write.spanId);
    expect(flush.links).toContainEqual({ traceId: callerTrace, spanId: write.spanId });
    expect(flush.attributes["mores.batch_size"]).toBeGreaterThanOrEqual(1);
    // No content on any span.
    expect(JSON.stringify(spans)).not.toContain("faggots");
  });

  it("a request without a traceparent starts a trace of its own; a settled case asks no model", (ctx) => {
    if (!cluster) return ctx.skip();
    const server = collector.spans().find((s) => isServer(s) && s.traceId !== callerTrace && s.status.code !== 2);
    expect(server?.parentSpanId).toBeUndefined();
    const names = spansOf(server?.traceId as string).map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(["mores.facts", "mores.rules", "mores.ruling.write"]));
    expect(names).not.toContain("mores.model_call");
    expect(names).not.toContain("mores.judgment");
    // Stages run outside a request (the norm set's warm-up at start) make no traces of their own.
    const stray = collector.spans().filter((s) => ["mores.facts", "mores.rules"].includes(s.name) && !s.parentSpanId);
    expect(stray).toEqual([]);
  });

  it("concurrent requests' stages stay in their own traces, evaluated together or not", (ctx) => {
    if (!cluster) return ctx.skip();
    for (const traceId of CONCURRENT) {
      const spans = spansOf(traceId);
      const server = spans.find((s) => isServer(s, 201));
      expect(server, traceId).toBeDefined();
      for (const name of ["mores.facts", "mores.rules", "mores.ruling.write"]) {
        const found = byName(spans, name);
        expect(
          found.map((s) => s.parentSpanId),
          `${name} in ${traceId}`,
        ).toEqual([server?.spanId]);
      }
    }
  });

  it("a database outage is recorded on the spans: the request's (503, failed) and the write's, by driver code", (ctx) => {
    if (!cluster) return ctx.skip();
    expect(outage.status).toBe(503);
    const server = collector.spans().find((s) => isServer(s, 503)) as ReceivedSpan;
    expect(server.status.code).toBe(2); // ERROR
    const exception = server.events.find((e) => e.name === "exception");
    expect(exception?.attributes["exception.message"]).toMatch(/ECONN|CONNECTION_|57P0/);
    const write = byName(spansOf(server.traceId), "mores.ruling.write")[0];
    expect(write?.status.code).toBe(2);
  });

  it("log lines written in a request carry its trace_id and span_id", (ctx) => {
    if (!cluster) return ctx.skip();
    const server = spansOf(callerTrace).find((s) => isServer(s)) as ReceivedSpan;
    const line = traced
      .logs()
      .find((l) => l.msg === "request" && l.requestId === server.attributes["mores.request_id"]);
    expect(line).toMatchObject({ trace_id: callerTrace, span_id: server.spanId, route: MODERATE });
  });
});

describe("traces off (OTEL_SDK_DISABLED=true)", () => {
  it("nothing is sent to the collector, even at shutdown, and no log line has a trace id", (ctx) => {
    if (!cluster) return ctx.skip();
    expect(plainExit).toBe(0);
    expect(silent.requests()).toBe(0);
    const requests = plain.logs().filter((l) => l.msg === "request");
    expect(requests.length).toBeGreaterThanOrEqual(2);
    for (const l of requests) expect(l).not.toHaveProperty("trace_id");
  });

  it("the answers are the same as with traces on", (ctx) => {
    if (!cluster) return ctx.skip();
    const comparable = (sent: Sent | undefined) => {
      const r = JSON.parse(sent?.body ?? "{}");
      return {
        status: sent?.status,
        decision: r.decision,
        norms: r.norms?.map(({ judgment, version, ...n }: Record<string, unknown>) => n),
        facts: r.facts,
        evidence: r.evidence,
        trace: r.trace,
        labels: r.labels,
        language: r.language,
      };
    };
    expect(comparable(answers.plain.settled)).toEqual(comparable(answers.traced.settled));
    expect(comparable(answers.plain.judged)).toEqual(comparable(answers.traced.judged));
    expect(comparable(answers.traced.judged).decision).toBe("remove");
  });
});
