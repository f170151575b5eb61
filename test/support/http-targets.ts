import postgres from "postgres";
import { inject } from "vitest";
import { seedDatabase } from "../../src/communities/seed-database.js";
import { loadConfig } from "../../src/config/config.js";
import { openDatabase } from "../../src/db/open-node.js";
import type { NodeService } from "../../src/entry/node-service.js";
import { createLogger } from "../../src/lib/logger.js";
import { repoPath } from "../helpers/packs.js";
import { backends, migratedDatabase } from "./backends.js";
import { httpClient, OPERATOR_KEY, startService, TEST_WEBHOOK_ENV, type TestService } from "./service.js";
import { startWorkerDev } from "./worker-dev.js";

/** Somewhere the HTTP API runs: the Node service on a backend, or the Worker inside workerd. */
export type Target = { name: string; start(): Promise<TestService> };

/**
 * Where the suites that speak only HTTP run: the Node service on PGlite and
 * on PostgreSQL, and, for the suites that prove the Worker's parity
 * (`{ workerd: true }`), the Worker inside workerd on PostgreSQL through
 * Hyperdrive's local connection string (when the test cluster exists). The
 * same cases, the same assertions, on each runtime.
 *
 * Why only some suites run in workerd: the Worker serves the same Hono app as
 * Node (only `src/entry/worker.ts` differs), and each `wrangler dev` costs a
 * bundle and a runtime start. One suite per capability proves parity there:
 * moderation (`moderate.happy`), bad input (`moderate.error`), tenancy and
 * keys (`tenancy.security`), norm changes with replay and shadow mode
 * (`proposals.happy`). The suites whose checks add no runtime-specific path
 * (bad proposals, pattern bombs: validation and re2js, plain JavaScript) run on
 * the two Node targets only.
 */
export function httpTargets(options: { workerd?: boolean } = {}): Target[] {
  const list: Target[] = backends().map((b) => ({ name: b.name, start: () => startService(b) }));
  const admin = inject("postgresUrl");
  if (admin && options.workerd) list.push({ name: "workerd", start: () => startWorkerService(admin) });
  return list;
}

/** A database prepared as `mores db setup` prepares one, and the Worker in `wrangler dev --local` on it. */
export async function startWorkerService(admin: string): Promise<TestService> {
  const url = await migratedDatabase(admin);
  const config = loadConfig({
    DATABASE_URL: url,
    MORES_OPERATOR_KEY: OPERATOR_KEY,
    MORES_NORMS_DIR: repoPath("norms/default"),
  });
  const setup = await openDatabase({ kind: "postgres", url, poolSize: 1 });
  await seedDatabase(setup, config, createLogger("silent"), () => {});
  await setup.close();
  const worker = await startWorkerDev(url, {
    ...TEST_WEBHOOK_ENV,
    MORES_OPERATOR_KEY: OPERATOR_KEY,
    MORES_NORMS_REFRESH_MS: "0",
    // wrangler's local Hyperdrive pools nothing: each request opens PostgreSQL connections of its own (a backend
    // process forked for each). In CI on 2026-12-01, 22 of a burst of 300 answered 503 database_unavailable (once
    // in four runs); on a loaded machine such a burst can take longer than the 2 s default to connect. The real
    // Hyperdrive hands out pooled connections. (max_connections is raised too: test/support/pg-cluster.ts.)
    MORES_DB_CONNECT_TIMEOUT_MS: "10000",
  });
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const svc = {
    ...httpClient(worker.base, OPERATOR_KEY, worker.exited),
    rowCounts: async () => {
      const [row] = await sql<Array<{ rulings: number; norms: number }>>`
        select (select count(*)::int from rulings) as rulings, (select count(*)::int from ruling_norms) as norms`;
      return { rulings: row?.rulings ?? 0, norms: row?.norms ?? 0 };
    },
    close: async () => {
      await worker.stop();
      await sql.end();
    },
  };
  return Object.defineProperty(svc, "service", {
    get(): NodeService {
      throw new Error("this suite reaches into the Node service; it cannot run on the workerd target");
    },
  }) as TestService;
}
