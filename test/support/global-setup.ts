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
  const cluster = await startPgCluster();
  if (!cluster) console.warn("[mores tests] PostgreSQL binaries not found: suites run on PGlite only");
  project.provide("postgresUrl", cluster?.url ?? null);
  return () => cluster?.stop();
}
