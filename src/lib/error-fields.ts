/**
 * An error as log fields that hold no data. Messages are left out on purpose:
 * drizzle's carry the SQL text and every parameter (content, author ids, key
 * hashes), PostgreSQL's quote offending values, and JSON.parse's quote the
 * input. What stays is enough to find the bug: each error's class, its
 * driver code (SQLSTATE, ECONNREFUSED, …) and the stack frames.
 *
 * @example logger.error("unhandled error", { requestId, ...errorFields(e) })
 */
export function errorFields(error: unknown): { error: string; codes?: string[]; stack?: string[] } {
  const names: string[] = [];
  const codes: string[] = [];
  const seen = new Set<unknown>();
  for (let e = error; e && typeof e === "object" && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    names.push((e as Error).name || e.constructor?.name || "Error");
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[A-Z0-9_]{1,40}$/.test(code)) codes.push(code);
  }
  if (names.length === 0) names.push(typeof error);
  const frames = frameLines(error);
  return {
    error: names.join(" <- "),
    ...(codes.length > 0 ? { codes } : {}),
    ...(frames.length > 0 ? { stack: frames } : {}),
  };
}

/** The `at …` lines of a stack: where the error came from, never what it said. */
function frameLines(error: unknown): string[] {
  const stack = error && typeof error === "object" ? (error as Error).stack : undefined;
  if (typeof stack !== "string") return [];
  return stack
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.startsWith("at ") && !/["'`]/.test(l))
    .slice(0, 8)
    .map((l) => l.slice(0, 200));
}
