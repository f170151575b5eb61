import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/config.js";

describe("configuration", () => {
  it("defaults to PGlite in ./data on port 8787", () => {
    const c = loadConfig({});
    expect(c.port).toBe(8787);
    expect(c.database).toEqual({ kind: "pglite", dataDir: "./data" });
    expect(c.groupCommit.maxInFlight).toBe(1);
  });

  it("uses PostgreSQL when DATABASE_URL is set", () => {
    const c = loadConfig({ DATABASE_URL: "postgres://u:p@127.0.0.1:5432/mores", MORES_DB_POOL: "20", PORT: "9000" });
    expect(c.database).toEqual({
      kind: "postgres",
      url: "postgres://u:p@127.0.0.1:5432/mores",
      poolSize: 20,
      connectTimeoutMs: 2000,
      statementTimeoutMs: 5000,
    });
    expect(c.port).toBe(9000);
  });

  it("bounds outages and overload by default: database timeouts, in-flight requests, slow clients", () => {
    const c = loadConfig({ DATABASE_URL: "postgres://u:p@127.0.0.1:5432/mores", MORES_DB_STATEMENT_TIMEOUT_MS: "750" });
    expect(c.database).toMatchObject({ connectTimeoutMs: 2000, statementTimeoutMs: 750 });
    expect(c.maxInFlight).toBe(256);
    expect(c.server).toEqual({ headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5000 });
    // node:http refuses a request timeout shorter than the headers timeout.
    expect(
      loadConfig({ MORES_HEADERS_TIMEOUT_MS: "20000", MORES_REQUEST_TIMEOUT_MS: "1000" }).server.requestTimeoutMs,
    ).toBe(20_000);
    expect(() => loadConfig({ MORES_DB_CONNECT_TIMEOUT_MS: "5" })).toThrow(/MORES_DB_CONNECT_TIMEOUT_MS/);
  });

  it("runs a webhook worker every second with 12 attempts from 1 s backoff, unless told otherwise", () => {
    expect(loadConfig({}).webhooks).toEqual({
      intervalMs: 1000,
      maxAttempts: 12,
      backoffMs: 1000,
      timeoutMs: 10_000,
      allow: { networks: [], hosts: [] },
      secretKeyFile: "./data/secret-key",
    });
    const c = loadConfig({
      MORES_WEBHOOK_INTERVAL_MS: "0",
      MORES_WEBHOOK_MAX_ATTEMPTS: "3",
      MORES_WEBHOOK_BACKOFF_MS: "10",
    });
    expect(c.webhooks).toMatchObject({ intervalMs: 0, maxAttempts: 3, backoffMs: 10 });
    expect(() => loadConfig({ MORES_WEBHOOK_MAX_ATTEMPTS: "0" })).toThrow(/MORES_WEBHOOK_MAX_ATTEMPTS/);
  });

  it("allows no internal webhook target unless MORES_WEBHOOK_ALLOW_PRIVATE lists networks or hosts", () => {
    const { allow } = loadConfig({
      MORES_WEBHOOK_ALLOW_PRIVATE: " 127.0.0.1/32, 10.0.0.0/8,::1,hooks.internal., *.corp.example",
    }).webhooks;
    expect(allow.networks.map((n) => [n.base.join("."), n.bits])).toEqual([
      ["127.0.0.1", 32],
      ["10.0.0.0", 8],
      ["0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1", 128],
    ]);
    expect(allow.hosts).toEqual(["hooks.internal", "*.corp.example"]);
    for (const bad of ["10.0.0.0/33", "300.1.1.1", "http://x", "a b"])
      expect(() => loadConfig({ MORES_WEBHOOK_ALLOW_PRIVATE: bad })).toThrow(/MORES_WEBHOOK_ALLOW_PRIVATE/);
  });

  it("takes MORES_SECRET_KEY only as base64 of 32 bytes", () => {
    const key = Buffer.alloc(32, 7).toString("base64");
    expect(loadConfig({ MORES_SECRET_KEY: key }).webhooks.secretKey).toBe(key);
    for (const bad of ["short", Buffer.alloc(16).toString("base64"), Buffer.alloc(33).toString("base64")])
      expect(() => loadConfig({ MORES_SECRET_KEY: bad })).toThrow(/MORES_SECRET_KEY: must be base64 of 32/);
  });

  it("limits each key to 100 requests a second (burst 200) unless told otherwise; 0 turns limits off", () => {
    expect(loadConfig({}).access).toEqual({
      rateLimit: { per_second: 100, burst: 200 },
      checkRateLimit: { per_second: 10, burst: 20 },
      keyCacheMs: 10_000,
    });
    expect(loadConfig({ MORES_CHECK_RATE_LIMIT_PER_SECOND: "0" }).access.checkRateLimit).toBeNull();
    expect(loadConfig({ MORES_RATE_LIMIT_PER_SECOND: "0" }).access.rateLimit).toBeNull();
    expect(loadConfig({ MORES_RATE_LIMIT_PER_SECOND: "5", MORES_RATE_LIMIT_BURST: "7" }).access.rateLimit).toEqual({
      per_second: 5,
      burst: 7,
    });
    expect(loadConfig({ MORES_OPERATOR_KEY: "a-long-enough-operator-key" }).access.operatorKey).toBe(
      "a-long-enough-operator-key",
    );
    expect(() => loadConfig({ MORES_OPERATOR_KEY: "short" })).toThrow(/MORES_OPERATOR_KEY: use at least 16/);
  });

  it("names every invalid variable", () => {
    expect(() => loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x", LOG_LEVEL: "loud" })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x" })).toThrow(
      /PORT: .*\n.*DATABASE_URL: must be a postgres/s,
    );
  });

  it("refuses a DATABASE_URL whose libpq port parameter is not a port, before anything connects", () => {
    expect(() => loadConfig({ DATABASE_URL: "postgres://u@127.0.0.1/mores?host=/run/postgresql&port=5432a" })).toThrow(
      /DATABASE_URL: query parameter port=5432a is not a port number/,
    );
    expect(
      loadConfig({ DATABASE_URL: "postgres://u@127.0.0.1/mores?host=/run/postgresql&port=5433" }).database,
    ).toMatchObject({
      kind: "postgres",
      url: "postgres://u@127.0.0.1/mores?host=/run/postgresql&port=5433",
    });
  });

  it("exports traces only when an OTLP endpoint or OTEL_TRACES_EXPORTER=otlp asks for them (OpenTelemetry's names)", () => {
    expect(loadConfig({}).traces).toBeUndefined();
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318/" }).traces).toEqual({
      url: "http://collector:4318/v1/traces",
      serviceName: "mores",
    });
    // The signal's own endpoint is used as given, and wins over the base one.
    expect(
      loadConfig({
        OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318",
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "https://traces.example/api/spans",
        OTEL_SERVICE_NAME: "mores-eu",
      }).traces,
    ).toEqual({ url: "https://traces.example/api/spans", serviceName: "mores-eu" });
    expect(loadConfig({ OTEL_TRACES_EXPORTER: "otlp" }).traces?.url).toBe("http://localhost:4318/v1/traces");
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" };
    expect(loadConfig({ ...endpoint, OTEL_TRACES_EXPORTER: "none" }).traces).toBeUndefined();
    expect(loadConfig({ ...endpoint, OTEL_SDK_DISABLED: "true" }).traces).toBeUndefined();
    expect(() => loadConfig({ OTEL_TRACES_EXPORTER: "zipkin" })).toThrow(/OTEL_TRACES_EXPORTER: mores exports traces/);
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318" })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
  });
});
