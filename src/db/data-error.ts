/** The SQLSTATE of a database error (drizzle wraps the driver's error in `cause`; PGlite and postgres.js both set `code`). */
export function sqlState(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

/**
 * Whether the database refused a statement for the data it carried (class 22
 * data exception, e.g. NUL in text or a lone surrogate in jsonb; 23 integrity;
 * 54 a row or value over a limit) rather than for being unreachable, out of
 * resources or shut down. Only such a refusal can be pinned on one row of a
 * shared write, so only it is worth retrying the others without that row.
 */
export function isDataError(error: unknown): boolean {
  const state = sqlState(error);
  return state !== undefined && ["22", "23", "54"].includes(state.slice(0, 2));
}
