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
    expect(c.database).toEqual({ kind: "postgres", url: "postgres://u:p@127.0.0.1:5432/mores", poolSize: 20 });
    expect(c.port).toBe(9000);
  });

  it("runs a webhook worker every second with 12 attempts from 1 s backoff, unless told otherwise", () => {
    expect(loadConfig({}).webhooks).toEqual({ intervalMs: 1000, maxAttempts: 12, backoffMs: 1000, timeoutMs: 10_000 });
    const c = loadConfig({
      MORES_WEBHOOK_INTERVAL_MS: "0",
      MORES_WEBHOOK_MAX_ATTEMPTS: "3",
      MORES_WEBHOOK_BACKOFF_MS: "10",
    });
    expect(c.webhooks).toMatchObject({ intervalMs: 0, maxAttempts: 3, backoffMs: 10 });
    expect(() => loadConfig({ MORES_WEBHOOK_MAX_ATTEMPTS: "0" })).toThrow(/MORES_WEBHOOK_MAX_ATTEMPTS/);
  });

  it("names every invalid variable", () => {
    expect(() => loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x", LOG_LEVEL: "loud" })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x" });
    } catch (e) {
      expect((e as Error).message).toMatch(/PORT: .*\n.*DATABASE_URL: must be a postgres/s);
    }
  });
});
