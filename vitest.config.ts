import { defineConfig } from "vitest/config";

/**
 * Three projects, one run: `npm test` runs them all (the README's command).
 * - unit: pure functions and in-process pieces; no database server, no spawned processes.
 * - integration: real HTTP, PGlite and a throwaway PostgreSQL (started once by the global setup).
 * - workers: the same app inside workerd, and the bundle.
 * `npx vitest run --project unit` is the fast loop.
 *
 * Speed (measured in the README's "Tests" section):
 * - `isolate: false` in unit and integration: the files of one worker share one module graph, so the NLP model,
 *   word lists and packs load once per worker, not once per file, and the integration suites share one migrated
 *   PGlite template and PostgreSQL template database per worker (test/support/backends.ts). No test file mocks a
 *   module or keeps state in one; each suite starts its own service on its own database.
 * - `maxWorkers: 2`: vitest's default on a 2-core machine is one worker (cores − 1), which leaves a core idle
 *   while a suite waits on PostgreSQL, workerd or its own HTTP server.
 */
const build = "test/support/build-setup.ts";
const shared = { testTimeout: 30_000, hookTimeout: 60_000, globalSetup: [build] };
// Starting a service (PGlite, a PostgreSQL database, workerd) is what a busy machine slows most.
const withDatabase = { ...shared, hookTimeout: 240_000, globalSetup: [build, "test/support/global-setup.ts"] };

export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      { test: { ...shared, name: "unit", include: ["test/unit/**/*.test.ts"], isolate: false } },
      { test: { ...withDatabase, name: "integration", include: ["test/integration/**/*.test.ts"], isolate: false } },
      { test: { ...withDatabase, name: "workers", include: ["test/workers/**/*.test.ts"] } },
    ],
  },
});
