import type { MiddlewareHandler } from "hono";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { MoresError } from "../domain/index.js";
import type { ConsoleEnv } from "./console-env.js";

/** The hidden field every console form carries. */
export const CSRF_FIELD = "_csrf";

/**
 * Two locks on every state change. hono/csrf refuses a form posted from
 * another origin (Origin / Sec-Fetch-Site); then a form must carry the
 * session's own token, which only pages rendered for that session contain
 * (the cookie is HttpOnly, so no script can read it). Either failing is a 403
 * that changes nothing.
 *
 * @example console.use("*", sameOrigin()); console.post("/x", formToken(), handler)
 */
export function sameOrigin(): MiddlewareHandler<ConsoleEnv> {
  const check = csrf();
  return async (c, next) => {
    try {
      await check(c, async () => {});
    } catch (e) {
      if (e instanceof HTTPException && e.status === 403)
        throw new MoresError("forbidden", "this form was sent from another site");
      throw e;
    }
    await next();
  };
}

/** The session's token must come back in the form (checked after sign-in, so `session` is set). */
export function formToken(): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    if (c.req.method !== "POST") return next();
    const form = await c.req.parseBody();
    const sent = form[CSRF_FIELD];
    if (typeof sent !== "string" || !timingSafeEqual(sent, c.get("session").csrf))
      throw new MoresError("forbidden", "the form's security token is missing or stale: reload the page and try again");
    await next();
  };
}

function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
