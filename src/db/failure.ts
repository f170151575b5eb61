/**
 * What kind of trouble a database error is. Only the driver's codes are read
 * (SQLSTATE or a socket/driver code) — never the message, which drizzle fills
 * with the SQL text and its parameters.
 */

/** Socket and postgres.js codes that mean "the server cannot be reached now". */
const UNREACHABLE = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_DESTROYED",
  "CONNECTION_ENDED",
]);

/**
 * SQLSTATEs that say the server is there but will not do the work now: class
 * 08 (connection exception), 53 (insufficient resources, e.g. too many
 * connections), 57P01-03 (shutting down, crashed, starting up), 57014 (the
 * statement_timeout cancelled the query) and 55P03 (lock_timeout).
 */
const unavailableState = (code: string) =>
  code.startsWith("08") || code.startsWith("53") || /^57P0[123]$/.test(code) || code === "57014" || code === "55P03";

type Coded = { code?: unknown; errno?: unknown; cause?: unknown };

/** The driver codes along an error's cause chain (drizzle wraps the driver's error in `cause`). */
export function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  for (let e = error as Coded | undefined; e && typeof e === "object" && !seen.has(e); e = e.cause as Coded) {
    seen.add(e);
    if (typeof e.code === "string") codes.push(e.code);
  }
  return codes;
}

/** Whether an error means the database is down, unreachable, overloaded or too slow: a 503 to retry, not a 500. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseDeadlineError) return true;
  return errorCodes(error).some((code) => UNREACHABLE.has(code) || (code.length === 5 && unavailableState(code)));
}

/** Thrown when the database did not answer within a deadline mores set itself (e.g. the readiness probe). */
export class DatabaseDeadlineError extends Error {
  readonly code = "DEADLINE";
  constructor(ms: number) {
    super(`the database did not answer within ${ms} ms`);
  }
}

/** `work`, or a DatabaseDeadlineError once `ms` have passed (the work itself is left to finish or fail). */
export function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseDeadlineError(ms)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
