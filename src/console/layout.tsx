/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import { API } from "./api-routes.js";
import { CSRF_FIELD } from "./csrf.js";
import type { ConsoleSession } from "./session.js";

export type PageProps = {
  title: string;
  session?: ConsoleSession | undefined;
  /** Which nav links to show: the signed-in role's, decided by the API's x-roles. */
  may?: ((route: string) => boolean) | undefined;
  children?: Child;
};

/** The hidden field that carries the session's CSRF token in every form. */
export const Token = ({ session }: { session: ConsoleSession }) => (
  <input type="hidden" name={CSRF_FIELD} value={session.csrf} />
);

/** Every page: a skip link, the header with what this role may open, one <main>, the shortcut script. */
export function Page({ title, session, may, children }: PageProps) {
  const links: Array<[string, string, string]> = [
    ["/console/queue", "Review queue", API.queue],
    ["/console/appeals", "Appeals", API.decideAppeal],
    ["/console/norms", "Norms", API.norms],
    ["/console/proposals", "Proposals", API.proposals],
    ["/console/transparency", "Transparency", API.transparency],
  ];
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · mores console`}</title>
        <link rel="stylesheet" href="/console/assets/console.css" />
        <script src="/console/assets/keys.js" defer />
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="bar">
          <strong>mores console</strong>
          {session && (
            <nav aria-label="Console">
              <ul>
                {links
                  .filter(([, , route]) => may?.(route))
                  .map(([href, label]) => (
                    <li>
                      <a href={href}>{label}</a>
                    </li>
                  ))}
              </ul>
            </nav>
          )}
          {session && (
            <form method="post" action="/console/sign-out">
              <Token session={session} />
              <span>
                {session.name} · {session.role} · {session.community}{" "}
              </span>
              <button type="submit" class="secondary">
                Sign out
              </button>
            </form>
          )}
        </header>
        <main id="main">
          <h1>{title}</h1>
          {children}
        </main>
      </body>
    </html>
  );
}

/** A table's header row: column headers with their scope, so screen readers name each cell. */
export const Columns = ({ names }: { names: string[] }) => (
  <thead>
    <tr>
      {names.map((n) => (
        <th scope="col">{n}</th>
      ))}
    </tr>
  </thead>
);
