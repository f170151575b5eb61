import { z } from "zod";
import { type AllowList, parseAllowList } from "../lib/net/allow-list.js";
import { postgresTarget } from "../lib/postgres-url.js";
import { isSecretKey } from "../lib/secret-key.js";

/**
 * All configuration, parsed once from the environment in the entry point.
 * Nothing else in mores reads process.env: Node and Workers hand this
 * object (or their bindings) to the same code.
 */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .superRefine((url, ctx) => {
      // Its libpq parameters (host, port…) are read at start: a wrong one is refused here, with the rest.
      try {
        postgresTarget(url);
      } catch (e) {
        ctx.addIssue({ code: "custom", message: (e as Error).message });
      }
    })
    .optional(),
  MORES_DATA_DIR: z.string().min(1).default("./data"),
  MORES_NORMS_DIR: z.string().min(1).default("./norms/default"),
  MORES_DB_POOL: z.coerce.number().int().min(1).max(200).default(10),
  MORES_DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
  MORES_DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  MORES_MAX_IN_FLIGHT: z.coerce.number().int().min(0).max(100_000).default(256),
  MORES_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  MORES_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  MORES_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  // Node's lane for the platform's write path (src/entry/moderate-lane.ts); off: every request goes through the app.
  MORES_WRITE_LANE: z.enum(["on", "off"]).default("on"),
  MORES_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(60_000).default(1000),
  MORES_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  MORES_METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  MORES_GROUP_COMMIT_MAX: z.coerce.number().int().min(1).max(5000).default(500),
  MORES_GROUP_COMMIT_IN_FLIGHT: z.coerce.number().int().min(1).max(64).default(4),
  MORES_NORMS_REFRESH_MS: z.coerce.number().int().min(0).max(3_600_000).default(1000),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  MORES_WORKERS: z.coerce.number().int().min(1).max(256).optional(),
  MORES_RULINGS_RETENTION_MONTHS: z.coerce.number().int().min(1).max(1200).optional(),
  MORES_WEBHOOK_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).default(1000),
  MORES_WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(12),
  MORES_WEBHOOK_BACKOFF_MS: z.coerce.number().int().min(1).max(3_600_000).default(1000),
  MORES_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  MORES_WEBHOOK_ALLOW_PRIVATE: z
    .string()
    .default("")
    .transform((text, ctx) => {
      try {
        return parseAllowList(text);
      } catch (e) {
        ctx.addIssue({ code: "custom", message: (e as Error).message });
        return z.NEVER;
      }
    }),
  MORES_SECRET_KEY: z
    .string()
    .refine(isSecretKey, "must be base64 of 32 random bytes (openssl rand -base64 32)")
    .optional(),
  MORES_OPERATOR_KEY: z.string().min(16, "use at least 16 characters").optional(),
  MORES_RATE_LIMIT_PER_SECOND: z.coerce.number().min(0).max(1_000_000).default(100),
  MORES_RATE_LIMIT_BURST: z.coerce.number().int().min(1).max(1_000_000).optional(),
  // "Check while typing" calls come per keystroke: their own bucket per key, apart from the key's moderate limit.
  MORES_CHECK_RATE_LIMIT_PER_SECOND: z.coerce.number().min(0).max(1_000_000).default(10),
  MORES_KEY_CACHE_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
  REASONER_PROVIDER: z.enum(["none", "openai", "anthropic", "workers-ai"]).default("none"),
  REASONER_MODEL: z.string().min(1).optional(),
  REASONER_BASE_URL: z.url().optional(),
  REASONER_API_KEY: z.string().min(1).optional(),
  REASONER_ACCOUNT_ID: z.string().min(1).optional(),
  // Optional: mores asks OpenAI's moderation endpoint itself and reads its scores as signals.openai_<category>.
  MORES_SIGNALS_OPENAI_URL: z.url().optional(),
  MORES_SIGNALS_OPENAI_KEY: z.string().min(1).optional(),
  MORES_SIGNALS_OPENAI_MODEL: z.string().min(1).default("omni-moderation-latest"),
  MORES_SIGNALS_OPENAI_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(1500),
  REASONER_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(8000),
  REASONER_MAX_RETRIES: z.coerce.number().int().min(0).max(5).default(1),
  REASONER_BUDGET_MS: z.coerce.number().int().min(100).max(300_000).default(15_000),
  REASONER_CACHE_SIZE: z.coerce.number().int().min(0).max(1_000_000).default(10_000),
  MORES_PENDING_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).default(5000),
  // OpenTelemetry's own names (Node): traces go out over OTLP/HTTP once an endpoint is set, or OTEL_TRACES_EXPORTER=otlp.
  OTEL_SDK_DISABLED: z.enum(["true", "false"]).default("false"),
  OTEL_TRACES_EXPORTER: z.enum(["otlp", "none"], "mores exports traces with otlp, or none").optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/, error: "must be an http(s):// URL" }).optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url({ protocol: /^https?$/, error: "must be an http(s):// URL" }).optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default("mores"),
});

/** Where OTLP/HTTP sends traces: the signal's own URL as given, else the base endpoint + /v1/traces (the spec's rule). */
function tracesConfig(e: z.infer<typeof envSchema>): Config["traces"] {
  const base = e.OTEL_EXPORTER_OTLP_ENDPOINT;
  const endpointSet = base !== undefined || e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT !== undefined;
  const wanted = e.OTEL_TRACES_EXPORTER === "otlp" || (e.OTEL_TRACES_EXPORTER === undefined && endpointSet);
  if (!wanted || e.OTEL_SDK_DISABLED === "true") return undefined;
  const url =
    e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
    (base ? `${base.replace(/\/+$/, "")}/v1/traces` : "http://localhost:4318/v1/traces");
  return { url, serviceName: e.OTEL_SERVICE_NAME };
}

/** How long mores waits for PostgreSQL to accept a connection, and for one statement (src/db/postgres-options.ts). */
export type PostgresLimits = { connectTimeoutMs: number; statementTimeoutMs: number };

/** Which model provider the reasoner uses (src/reasoner/providers.ts builds it). */
export type ReasonerConfig = {
  provider: "none" | "openai" | "anthropic" | "workers-ai";
  model: string;
  baseUrl?: string;
  apiKey?: string;
  accountId?: string;
  timeoutMs: number;
  maxRetries: number;
};

export type Config = {
  port: number;
  host: string;
  database:
    | ({ kind: "postgres"; url: string; poolSize: number } & PostgresLimits)
    | { kind: "pglite"; dataDir: string };
  /** Requests under /v1 served at once by this process (or isolate); beyond it, a fast 503. 0: no bound. */
  maxInFlight: number;
  /** node:http limits against slow clients (Node only). */
  server: { headersTimeoutMs: number; requestTimeoutMs: number; keepAliveTimeoutMs: number };
  /**
   * Node: `POST …/moderate` served by a lane in front of the app, which answers it
   * alike at less cost per request (src/entry/moderate-lane.ts). MORES_WRITE_LANE=off sends it through the app.
   */
  writeLane: boolean;
  /**
   * On SIGTERM/SIGINT (Node): how long idle keep-alive connections are left to the clients before they are closed,
   * and how long in-flight requests may take before what is left is cut.
   */
  shutdown: { graceMs: number; timeoutMs: number };
  /** OpenTelemetry traces over OTLP/HTTP (Node); absent: off, the API's no-op. */
  traces?: { url: string; serviceName: string };
  /** A port of its own for GET /metrics without a key (Node; the cluster primary serves it); unset: none. */
  metricsPort?: number;
  normsDir: string;
  groupCommit: { maxBatch: number; maxInFlight: number };
  /** Whole months of rulings kept before retention drops them (see rulings/ruling-months.ts); absent: kept forever. */
  rulingsRetentionMonths?: number;
  normsRefreshMs: number;
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  /** Server processes (node:cluster). Only with PostgreSQL: PGlite is one in-process database. */
  workers: number;
  /**
   * budgetMs bounds a model call, also one that outlives the platform's wait;
   * pendingIntervalMs: how often pending judgments whose process went away are
   * resumed (0: only at start).
   */
  reasoner: ReasonerConfig & { budgetMs: number; cacheSize: number; pendingIntervalMs: number };
  /** OpenAI moderation called by mores for signals; absent: none. */
  outsideSignals?: { baseUrl: string; apiKey: string; model: string; timeoutMs: number };
  /** The webhook delivery worker of each process; intervalMs 0 runs none in this process. */
  webhooks: {
    intervalMs: number;
    maxAttempts: number;
    backoffMs: number;
    timeoutMs: number;
    /** Internal networks and hosts an operator lets webhooks reach (MORES_WEBHOOK_ALLOW_PRIVATE). */
    allow: AllowList;
    /** Seals endpoint secrets at rest. Unset: Node keeps a generated one in secretKeyFile; Workers refuse webhooks. */
    secretKey?: string;
    secretKeyFile: string;
  };
  access: {
    /** The operator's key from MORES_OPERATOR_KEY; without it, first start generates one. */
    operatorKey?: string;
    /** Each community key's default limit; null when MORES_RATE_LIMIT_PER_SECOND is 0. */
    rateLimit: { per_second: number; burst: number } | null;
    /** Each key's limit on `…/check`, in a bucket of its own; null when MORES_CHECK_RATE_LIMIT_PER_SECOND is 0. */
    checkRateLimit: { per_second: number; burst: number } | null;
    keyCacheMs: number;
  };
};

export class ConfigError extends Error {}

/**
 * `runtime.cores`: the cores this process may use (Node's availableParallelism); on PostgreSQL, MORES_WORKERS
 * defaults to it, so a fresh install uses the machine. Absent (Workers, tests): one process.
 */
export function loadConfig(env: Record<string, string | undefined>, runtime: { cores?: number } = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const traces = tracesConfig(e);
  if (e.REASONER_PROVIDER !== "none" && !e.REASONER_MODEL) {
    throw new ConfigError(
      `invalid configuration:\n  REASONER_MODEL: required when REASONER_PROVIDER is ${e.REASONER_PROVIDER}`,
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? {
          kind: "postgres",
          url: e.DATABASE_URL,
          poolSize: e.MORES_DB_POOL,
          connectTimeoutMs: e.MORES_DB_CONNECT_TIMEOUT_MS,
          statementTimeoutMs: e.MORES_DB_STATEMENT_TIMEOUT_MS,
        }
      : { kind: "pglite", dataDir: e.MORES_DATA_DIR },
    normsDir: e.MORES_NORMS_DIR,
    maxInFlight: e.MORES_MAX_IN_FLIGHT,
    server: {
      headersTimeoutMs: e.MORES_HEADERS_TIMEOUT_MS,
      // node:http requires requestTimeout ≥ headersTimeout.
      requestTimeoutMs: Math.max(e.MORES_REQUEST_TIMEOUT_MS, e.MORES_HEADERS_TIMEOUT_MS),
      keepAliveTimeoutMs: e.MORES_KEEP_ALIVE_TIMEOUT_MS,
    },
    writeLane: e.MORES_WRITE_LANE === "on",
    shutdown: { graceMs: e.MORES_SHUTDOWN_GRACE_MS, timeoutMs: e.MORES_SHUTDOWN_TIMEOUT_MS },
    ...(e.MORES_METRICS_PORT !== undefined ? { metricsPort: e.MORES_METRICS_PORT } : {}),
    ...(traces ? { traces } : {}),
    // PGlite is one connection in this process: one transaction at a time.
    groupCommit: {
      maxBatch: e.MORES_GROUP_COMMIT_MAX,
      maxInFlight: e.DATABASE_URL ? e.MORES_GROUP_COMMIT_IN_FLIGHT : 1,
    },
    ...(e.MORES_RULINGS_RETENTION_MONTHS !== undefined
      ? { rulingsRetentionMonths: e.MORES_RULINGS_RETENTION_MONTHS }
      : {}),
    normsRefreshMs: e.MORES_NORMS_REFRESH_MS,
    logLevel: e.LOG_LEVEL,
    workers: e.DATABASE_URL ? (e.MORES_WORKERS ?? runtime.cores ?? 1) : 1,
    reasoner: {
      provider: e.REASONER_PROVIDER,
      model: e.REASONER_MODEL ?? "none",
      ...(e.REASONER_BASE_URL ? { baseUrl: e.REASONER_BASE_URL } : {}),
      ...(e.REASONER_API_KEY ? { apiKey: e.REASONER_API_KEY } : {}),
      ...(e.REASONER_ACCOUNT_ID ? { accountId: e.REASONER_ACCOUNT_ID } : {}),
      timeoutMs: e.REASONER_TIMEOUT_MS,
      maxRetries: e.REASONER_MAX_RETRIES,
      budgetMs: e.REASONER_BUDGET_MS,
      cacheSize: e.REASONER_CACHE_SIZE,
      pendingIntervalMs: e.MORES_PENDING_INTERVAL_MS,
    },
    ...(e.MORES_SIGNALS_OPENAI_URL && e.MORES_SIGNALS_OPENAI_KEY
      ? {
          outsideSignals: {
            baseUrl: e.MORES_SIGNALS_OPENAI_URL,
            apiKey: e.MORES_SIGNALS_OPENAI_KEY,
            model: e.MORES_SIGNALS_OPENAI_MODEL,
            timeoutMs: e.MORES_SIGNALS_OPENAI_TIMEOUT_MS,
          },
        }
      : {}),
    access: {
      ...(e.MORES_OPERATOR_KEY ? { operatorKey: e.MORES_OPERATOR_KEY } : {}),
      rateLimit:
        e.MORES_RATE_LIMIT_PER_SECOND > 0
          ? {
              per_second: e.MORES_RATE_LIMIT_PER_SECOND,
              burst: e.MORES_RATE_LIMIT_BURST ?? Math.ceil(e.MORES_RATE_LIMIT_PER_SECOND * 2),
            }
          : null,
      checkRateLimit:
        e.MORES_CHECK_RATE_LIMIT_PER_SECOND > 0
          ? {
              per_second: e.MORES_CHECK_RATE_LIMIT_PER_SECOND,
              burst: Math.ceil(e.MORES_CHECK_RATE_LIMIT_PER_SECOND * 2),
            }
          : null,
      keyCacheMs: e.MORES_KEY_CACHE_MS,
    },
    webhooks: {
      intervalMs: e.MORES_WEBHOOK_INTERVAL_MS,
      maxAttempts: e.MORES_WEBHOOK_MAX_ATTEMPTS,
      backoffMs: e.MORES_WEBHOOK_BACKOFF_MS,
      timeoutMs: e.MORES_WEBHOOK_TIMEOUT_MS,
      allow: e.MORES_WEBHOOK_ALLOW_PRIVATE,
      ...(e.MORES_SECRET_KEY ? { secretKey: e.MORES_SECRET_KEY.trim() } : {}),
      secretKeyFile: `${e.MORES_DATA_DIR.replace(/\/+$/, "")}/secret-key`,
    },
  };
}
