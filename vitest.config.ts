import { defineConfig } from "vitest/config";

/**
 * Three projects, one run: `npm test` runs them all (the README's command).
 * - unit: pure functions and in-process pieces; no database server, no spawned processes.
 * - integration: real HTTP, PGlite and a throwaway PostgreSQL (started once by the global setup).
 * - workers: the same app inside workerd, and the bundle.
 * `npx vitest run --project unit` is the fast loop.
 */
const build = "test/support/build-setup.ts";
const shared = { testTimeout: 30_000, hookTimeout: 60_000, globalSetup: [build] };
const withDatabase = { ...shared, globalSetup: [build, "test/support/global-setup.ts"] };

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: "unit", include: ["test/unit/**/*.test.ts"] } },
      { test: { ...withDatabase, name: "integration", include: ["test/integration/**/*.test.ts"] } },
      { test: { ...withDatabase, name: "workers", include: ["test/workers/**/*.test.ts"] } },
    ],
  },
});
