/** @jsxImportSource hono/jsx */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { MoresError } from "../domain/index.js";
import type { RouteRoles } from "../http/middleware/authorize.js";
import type { ConsoleEnv } from "./console-env.js";
import { render } from "./render.js";

const TITLES: Partial<Record<number, string>> = {
  400: "That did not go through",
  401: "Please sign in",
  403: "Not allowed",
  404: "Not found",
  409: "Someone got there first",
};

/** Where "Back" goes: from a form's action (…/rulings/x/decide) to the page it was on; else the console. */
const backFrom = (c: Context<ConsoleEnv>) =>
  c.req.method === "POST" && /^\/console\/(rulings|appeals)\/[^/]+\/\w+$/.test(c.req.path)
    ? c.req.path.replace(/\/\w+$/, "")
    : "/console";

/** A refusal as a page: the same words the API's problem+json would say, and a way on. */
export function errorPage(
  c: Context<ConsoleEnv>,
  roles: () => RouteRoles,
  err: MoresError,
  status: ContentfulStatusCode,
) {
  return render(
    c,
    roles,
    TITLES[status] ?? "Something went wrong",
    <>
      <p class="problem" role="alert">
        {err.detail} <span class="muted">({err.code})</span>
      </p>
      <p>{status === 401 ? <a href="/console/sign-in">Sign in</a> : <a href={backFrom(c)}>Back</a>}</p>
    </>,
    status,
  );
}
