/**
 * libpq's way to name a Unix-domain socket in a connection URL — a `host` parameter that is a directory, as in
 * `postgres://user:pass@localhost:5432/db?host=/var/run/postgresql` — which postgres.js does not read: it sends
 * `host` to the server as a session setting, and PostgreSQL refuses the connection ("unrecognized configuration
 * parameter"). Here the parameter leaves the URL and becomes postgres.js's `host` option, which connects to
 * `<directory>/.s.PGSQL.<port>`. Any other URL is returned as it is.
 */
export function postgresTarget(url: string): { url: string; host?: string } {
  const queryAt = url.indexOf("?");
  if (queryAt < 0) return { url };
  const params = new URLSearchParams(url.slice(queryAt + 1));
  const host = params.get("host");
  if (!host?.startsWith("/")) return { url };
  params.delete("host");
  const rest = params.toString();
  return { url: url.slice(0, queryAt) + (rest ? `?${rest}` : ""), host };
}
