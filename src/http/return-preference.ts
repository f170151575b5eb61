import type { Context } from "hono";
import { parsePrefer } from "./prefer.js";

/** Whether the client asked for the summary (`Prefer: return=minimal`); says so in Preference-Applied when it did. */
export function wantsMinimal(c: Context): boolean {
  const minimal = parsePrefer(c.req.header("prefer")).return === "minimal";
  if (minimal) c.header("Preference-Applied", "return=minimal", { append: true });
  return minimal;
}
