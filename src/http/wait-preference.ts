import type { Context } from "hono";
import { parsePrefer } from "./prefer.js";

/** The seconds the client's `Prefer: wait=N` asks the model be waited for, if it sent one that parses. */
export const preferredWait = (c: Context): number | undefined => parsePrefer(c.req.header("prefer")).wait;

/**
 * The wait to name in `Preference-Applied` (RFC 7240): the longest that held
 * for the model — it never exceeds the reasoning budget — when the client
 * asked for one and the content asked the model anything; otherwise the
 * preference had nothing to apply to.
 */
export function appliedWait(asked: number | undefined, waited: ReadonlyArray<number | undefined>): number | undefined {
  const applied = waited.filter((w): w is number => w !== undefined);
  if (asked === undefined || applied.length === 0) return undefined;
  return Math.max(...applied);
}

/** Says the client's wait was honoured (`Preference-Applied: wait=N`), when it was (appliedWait). */
export function applyWait(c: Context, asked: number | undefined, waited: ReadonlyArray<number | undefined>): void {
  const wait = appliedWait(asked, waited);
  if (wait !== undefined) c.header("Preference-Applied", `wait=${wait}`, { append: true });
}
