import { defineConfig } from "vitest/config";

/**
 * Three projects, one run: `npm test` runs them all (the README's command).
 * - unit: pure functions and in-process pieces; no database server, no spawned processes.
 * - integration: real HTTP, PGlite and a throwaway PostgreSQL (started once by the global setup).
 * - workers: the same app inside workerd, and the bundle.
 * `npx vitest run --project unit` is the fast loop.
 */
const shared = { testTimeout: 30_000, hookTimeout: 60_000 };
const withDatabase = { ...shared, globalSetup: ["test/support/global-setup.ts"] };

export default defineConfig({
  test: {
    projects: [
      // One module graph per worker across files (`isolate: false`): the unit files mock nothing and keep no
      // state, so each file no longer pays for loading the NLP model, word lists and packs again.
      { test: { ...shared, name: "unit", include: ["test/unit/**/*.test.ts"], isolate: false } },
      { test: { ...withDatabase, name: "integration", include: ["test/integration/**/*.test.ts"] } },
      { test: { ...withDatabase, name: "workers", include: ["test/workers/**/*.test.ts"] } },
    ],
  },
});
