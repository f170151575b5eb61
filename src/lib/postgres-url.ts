/**
 * libpq reads connection parameters from a URL's query as well as from its authority, and the query wins:
 * `postgres://mores@localhost:5432/mores?host=/var/run/postgresql` reaches the Unix socket in that directory,
 * `…?host=db2.internal&port=6432` that host and port. postgres.js reads none of them there: it sends each on to
 * the server as a session setting, and PostgreSQL refuses the connection ("unrecognized configuration
 * parameter"). So these leave the URL and become postgres.js's own options — a `host` that is a directory makes it
 * connect to `<directory>/.s.PGSQL.<port>` — and every other parameter stays in the URL as it was.
 */
const LIBPQ_PARAMETERS = {
  host: "host",
  port: "port",
  user: "user",
  password: "pass",
  dbname: "database",
} as const;

type TargetOptions = { host?: string; port?: number; user?: string; pass?: string; database?: string };

function optionValue(name: string, value: string): string | number {
  if (name !== "port") return value;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`query parameter port=${value} is not a port number`);
  return port;
}

export function postgresTarget(url: string): { url: string; options: TargetOptions } {
  const queryAt = url.indexOf("?");
  if (queryAt < 0) return { url, options: {} };
  const params = new URLSearchParams(url.slice(queryAt + 1));
  const options: TargetOptions = {};
  let taken = false;
  for (const [name, option] of Object.entries(LIBPQ_PARAMETERS)) {
    const value = params.get(name);
    if (value === null) continue;
    params.delete(name);
    taken = true;
    // libpq treats an empty value as not given.
    if (value !== "") (options as Record<string, string | number>)[option] = optionValue(name, value);
  }
  // Untouched, the URL is returned exactly as written (URLSearchParams would re-encode the rest).
  if (!taken) return { url, options };
  const rest = params.toString();
  return { url: url.slice(0, queryAt) + (rest ? `?${rest}` : ""), options };
}
