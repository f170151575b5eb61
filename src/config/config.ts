import { z } from "zod";

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
    .optional(),
  MORES_DATA_DIR: z.string().min(1).default("./data"),
  MORES_NORMS_DIR: z.string().min(1).default("./norms/default"),
  MORES_DB_POOL: z.coerce.number().int().min(1).max(200).default(10),
  MORES_GROUP_COMMIT_MAX: z.coerce.number().int().min(1).max(5000).default(500),
  MORES_GROUP_COMMIT_IN_FLIGHT: z.coerce.number().int().min(1).max(64).default(4),
  MORES_NORMS_REFRESH_MS: z.coerce.number().int().min(0).max(3_600_000).default(1000),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  MORES_WORKERS: z.coerce.number().int().min(1).max(256).default(1),
});

export type Config = {
  port: number;
  host: string;
  database: { kind: "postgres"; url: string; poolSize: number } | { kind: "pglite"; dataDir: string };
  normsDir: string;
  groupCommit: { maxBatch: number; maxInFlight: number };
  normsRefreshMs: number;
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  /** Server processes (node:cluster). Only with PostgreSQL: PGlite is one in-process database. */
  workers: number;
};

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? { kind: "postgres", url: e.DATABASE_URL, poolSize: e.MORES_DB_POOL }
      : { kind: "pglite", dataDir: e.MORES_DATA_DIR },
    normsDir: e.MORES_NORMS_DIR,
    // PGlite is one connection in this process: one transaction at a time.
    groupCommit: {
      maxBatch: e.MORES_GROUP_COMMIT_MAX,
      maxInFlight: e.DATABASE_URL ? e.MORES_GROUP_COMMIT_IN_FLIGHT : 1,
    },
    normsRefreshMs: e.MORES_NORMS_REFRESH_MS,
    logLevel: e.LOG_LEVEL,
    workers: e.DATABASE_URL ? e.MORES_WORKERS : 1,
  };
}
