import { sql } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, inject, it } from "vitest";
import { openDatabase } from "../../src/db/open-node.js";
import { freshDatabase } from "../support/backends.js";

const admin = inject("postgresUrl");

/** Whether the database at `url` opens (migrated) and over which address: null for a Unix socket. */
async function clientAddress(url: string): Promise<string | null> {
  const handle = await openDatabase({ kind: "postgres", url, poolSize: 2 });
  try {
    const rows = (await handle.db.execute(
      sql`select inet_client_addr()::text as client, to_regclass('rulings') is not null as migrated`,
    )) as unknown as { client: string | null; migrated: boolean }[];
    expect(rows[0]?.migrated).toBe(true);
    return rows[0]?.client ?? null;
  } finally {
    await handle.close();
  }
}

// An operator may write connection parameters in the URL's query, as libpq reads them; before, postgres.js sent
// them on to the server as session settings, which refused the connection.
describe.skipIf(!admin)("DATABASE_URL with libpq's connection parameters in its query", () => {
  it("migrates and serves over the Unix socket (?host=/directory), not TCP", async () => {
    const url = new URL(await freshDatabase(admin as string));
    const probe = postgres(admin as string, { max: 1, onnotice: () => {} });
    const [setting] = await probe`select current_setting('unix_socket_directories') as dirs`;
    await probe.end();
    const socketDir = String((setting as { dirs: string }).dirs)
      .split(",")[0]
      ?.trim() as string;
    url.searchParams.set("host", socketDir);

    expect(await clientAddress(url.toString())).toBeNull();
  });

  it("connects to the query's host and port, not the authority's (?host=…&port=…)", async () => {
    const real = new URL(await freshDatabase(admin as string));
    // The authority names a port nothing listens on: only the query's parameters can reach the database.
    const url = new URL(real);
    url.hostname = "localhost";
    url.port = "1";
    url.searchParams.set("host", real.hostname);
    url.searchParams.set("port", real.port);
    expect(await clientAddress(url.toString())).toMatch(/^127\.0\.0\.1/);
  });
});
