import type { Context } from "hono";
import { parsePrefer } from "./prefer.js";

/** The seconds the client's `Prefer: wait=N` asks the model be waited for, if it sent one that parses. */
export const preferredWait = (c: Context): number | undefined => parsePrefer(c.req.header("prefer")).wait;

/**
 * Says the client's wait was honoured (RFC 7240 `Preference-Applied`), with
 * the wait that applied — it never exceeds the reasoning budget — when the
 * content asked the model anything; otherwise the preference had nothing to apply to.
 */
export function applyWait(c: Context, asked: number | undefined, waited: ReadonlyArray<number | undefined>): void {
  const applied = waited.filter((w): w is number => w !== undefined);
  if (asked === undefined || applied.length === 0) return;
  c.header("Preference-Applied", `wait=${Math.max(...applied)}`, { append: true });
}
