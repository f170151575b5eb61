import type { TestProject } from "vitest/node";
import { startPgCluster } from "./pg-cluster.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Admin URL of the throwaway PostgreSQL cluster, or null when Debian's binaries are absent. */
    postgresUrl: string | null;
  }
}

/** Starts one PostgreSQL cluster for the whole run; each suite makes its own database in it. */
export default async function setup(project: TestProject) {
  // MORES_TEST_PGLITE_ONLY=1 runs the suites on PGlite alone (CI's runs on other Node versions).
  const cluster = process.env.MORES_TEST_PGLITE_ONLY === "1" ? null : await startPgCluster();
  if (!cluster) console.warn("[mores tests] no PostgreSQL cluster: suites run on PGlite only");
  project.provide("postgresUrl", cluster?.url ?? null);
  return () => cluster?.stop();
}
