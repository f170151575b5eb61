/** @jsxImportSource hono/jsx */
import type { Context, Hono } from "hono";
import type { RouteRoles } from "../http/middleware/authorize.js";
import { API } from "./api-routes.js";
import type { ConsoleEnv } from "./console-env.js";
import { formToken } from "./csrf.js";
import { may } from "./guard.js";
import { render } from "./render.js";
import { endSession, principalOf, readSession, startSession } from "./session.js";

/** Where a sign-in may send the browser next: console paths only (no open redirect). */
const safeNext = (next: string | undefined) =>
  next && /^\/console\/[A-Za-z0-9/_-]*$/.test(next) && !next.startsWith("//") ? next : "/console";

function SignInForm({ next, problem }: { next: string; problem?: string }) {
  return (
    <form method="post" action="/console/sign-in" class="card">
      {problem && (
        <p class="problem" role="alert" id="sign-in-problem">
          {problem}
        </p>
      )}
      <input type="hidden" name="next" value={next} />
      <p>
        <label for="key">Your API key</label>
        <br />
        <input
          id="key"
          name="key"
          type="password"
          autocomplete="current-password"
          required
          size={60}
          aria-describedby={problem ? "sign-in-problem" : undefined}
        />
      </p>
      <p class="muted">
        Use your own key of the community (moderator, editor or admin): your decisions are signed with it. The key is
        checked once; the browser keeps only a signed session cookie, never the key.
      </p>
      <button type="submit">Sign in</button>
    </form>
  );
}

/** Sign-in with a community key, sign-out, and the home page that sends each role to its first page. */
export function registerSignInPages(app: Hono<ConsoleEnv>, roles: () => RouteRoles) {
  const signIn = (c: Context<ConsoleEnv>, problem?: string, status: 200 | 401 | 403 = 200) =>
    render(c, roles, "Sign in", <SignInForm next={safeNext(c.req.query("next"))} problem={problem} />, status);

  app.get("/sign-in", (c) => signIn(c));

  app.post("/sign-in", async (c) => {
    const services = c.get("services");
    const form = await c.req.parseBody();
    const key = typeof form.key === "string" ? form.key.trim() : "";
    const caller = key ? await services.auth.authenticate(`Bearer ${key}`) : null;
    if (!caller) return signIn(c, "That key is not a valid, unrevoked API key.", 401);
    if (caller.principal.kind !== "member")
      return signIn(c, "The operator's key spans communities: sign in with a key of your community.", 403);
    await startSession(c, services, caller.principal);
    return c.redirect(safeNext(typeof form.next === "string" ? form.next : undefined), 303);
  });

  app.post("/sign-out", async (c) => {
    const session = await readSession(c, c.get("services"));
    if (session) {
      c.set("session", session);
      await formToken()(c, async () => {});
    }
    endSession(c);
    return c.redirect("/console/sign-in", 303);
  });

  app.get("/", async (c) => {
    const session = await readSession(c, c.get("services"));
    if (!session) return c.redirect("/console/sign-in", 303);
    c.set("session", session);
    c.set("principal", principalOf(session));
    const table = roles();
    const first = (
      [
        ["/console/queue", API.queue],
        ["/console/proposals", API.proposals],
        ["/console/norms", API.norms],
        ["/console/transparency", API.transparency],
      ] as const
    ).find(([, route]) => may(table, session.role, route));
    return c.redirect(first?.[0] ?? "/console/transparency", 303);
  });
}
