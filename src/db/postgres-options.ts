import type { Options } from "postgres";
import type { PostgresLimits } from "../config/config.js";

/** How long mores waits for PostgreSQL before it answers 503 instead (the shape lives with the configuration). */
export type { PostgresLimits };

/**
 * postgres.js options that keep an outage short and visible. Its defaults
 * made requests hang: a 30 s connect timeout, and a reconnect backoff that
 * grows as 3^retries/100 s up to 20 s, shared by the pool, during which
 * queries wait instead of failing. Here a connection attempt gives up after
 * `connectTimeoutMs`, reconnects are retried within half a second, and the
 * server cancels any statement after `statementTimeoutMs`, so every query
 * either answers or fails fast and the pool recovers by itself when
 * PostgreSQL returns.
 */
export function postgresOptions(
  limits: PostgresLimits,
  max: number,
  /** false through a pooler that shares server sessions (Hyperdrive): session settings are not ours to set there. */
  sessionSettings = true,
): Options<Record<string, never>> {
  return {
    max,
    onnotice: () => {},
    connect_timeout: limits.connectTimeoutMs / 1000,
    backoff: () => 0.1 + Math.random() * 0.4,
    ...(sessionSettings
      ? {
          connection: {
            application_name: "mores",
            statement_timeout: limits.statementTimeoutMs,
            // A transaction left open (a bug, a stuck client) must not hold locks and a connection forever.
            idle_in_transaction_session_timeout: limits.statementTimeoutMs * 2,
          },
        }
      : {}),
  };
}
