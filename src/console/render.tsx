/** @jsxImportSource hono/jsx */
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { RouteRoles } from "../http/middleware/authorize.js";
import type { ConsoleEnv } from "./console-env.js";
import { may } from "./guard.js";
import { Page } from "./layout.js";

/** A page for the signed-in person (if any): the nav shows only what their role may open. */
export function render(
  c: Context<ConsoleEnv>,
  roles: () => RouteRoles,
  title: string,
  body: Child,
  status: ContentfulStatusCode = 200,
) {
  const session = c.get("session");
  const allowed = session ? (route: string) => may(roles(), session.role, route) : undefined;
  c.header("cache-control", "no-store");
  return c.html(
    <Page title={title} session={session} may={allowed}>
      {body}
    </Page>,
    status,
  );
}

/** The age of something waiting, in the largest unit that says it: "3 h", "2 d". */
export function age(since: string, now: Date): string {
  const minutes = Math.max(0, Math.round((now.getTime() - Date.parse(since)) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h`;
  return `${Math.round(minutes / 1440)} d`;
}
