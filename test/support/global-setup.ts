import type { TestProject } from "vitest/node";
import { type PgCluster, startPgCluster } from "./pg-cluster.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Admin URL of the throwaway PostgreSQL cluster, or null when Debian's binaries are absent. */
    postgresUrl: string | null;
  }
}

/**
 * The projects that use this setup (integration, workers) share one cluster: the setups run in the same
 * process, so it is kept on `globalThis` and stopped by the last teardown.
 */
type Shared = { cluster: Promise<PgCluster | null>; users: number };
const KEY = Symbol.for("mores.test.pg-cluster");
const holder = globalThis as unknown as Record<symbol, Shared | undefined>;

/** Starts one PostgreSQL cluster for the whole run; each suite makes its own database in it. */
export default async function setup(project: TestProject) {
  // MORES_TEST_PGLITE_ONLY=1 runs the suites on PGlite alone (CI's runs on other Node versions).
  holder[KEY] ??= {
    cluster: process.env.MORES_TEST_PGLITE_ONLY === "1" ? Promise.resolve(null) : startPgCluster(),
    users: 0,
  };
  const shared = holder[KEY];
  shared.users++;
  const cluster = await shared.cluster;
  if (!cluster && shared.users === 1) console.warn("[mores tests] no PostgreSQL cluster: suites run on PGlite only");
  project.provide("postgresUrl", cluster?.url ?? null);
  return () => {
    if (--shared.users > 0) return;
    holder[KEY] = undefined;
    cluster?.stop();
  };
}
