import { sql } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, inject, it } from "vitest";
import { openDatabase } from "../../src/db/open-node.js";
import { freshDatabase } from "../support/backends.js";

const admin = inject("postgresUrl");

// An operator whose PostgreSQL runs on the same host can reach it over its Unix socket, written as libpq writes
// it; before, postgres.js sent `host` on to the server, which refused the connection.
describe.skipIf(!admin)("DATABASE_URL naming PostgreSQL's Unix socket (?host=/directory)", () => {
  it("migrates and serves over the socket, not TCP", async () => {
    const url = new URL(await freshDatabase(admin as string));
    const probe = postgres(admin as string, { max: 1, onnotice: () => {} });
    const [setting] = await probe`select current_setting('unix_socket_directories') as dirs`;
    await probe.end();
    const socketDir = String((setting as { dirs: string }).dirs)
      .split(",")[0]
      ?.trim() as string;
    url.searchParams.set("host", socketDir);

    const handle = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 2 });
    try {
      const rows = (await handle.db.execute(
        sql`select inet_client_addr() as client, to_regclass('rulings') is not null as migrated`,
      )) as unknown as { client: string | null; migrated: boolean }[];
      expect(rows[0]).toEqual({ client: null, migrated: true });
    } finally {
      await handle.close();
    }
  });
});
