import type { Context } from "hono";
import type { AppEnv } from "./app-env.js";

/**
 * Who signs a moderation decision: the name a moderator gives (`moderator`
 * in the body), else the key's name, else its id; and always the id of the
 * key that made the call, which the record keeps whatever name is given.
 */
export function decisionSigner(c: Context<AppEnv>, named: string | undefined): { moderator: string; key: string } {
  const principal = c.get("principal");
  return { moderator: named ?? principal.name ?? principal.keyId, key: principal.keyId };
}
