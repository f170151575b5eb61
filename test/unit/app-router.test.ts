import type { SmartRouter } from "hono/router/smart-router";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";

/**
 * Hono's default router tries RegExpRouter (one regular expression for every route) and falls back to TrieRouter
 * for the whole app when any one route is one RegExpRouter cannot order, such as a fixed word beside a parameter
 * at the same place (`/x/new` and `/x/:id`). The fallback walks a trie and gathers every middleware's handlers on
 * each request: a route added in the console would slow `/moderate` without a word (docs/performance.md).
 */
describe("the app's router", () => {
  it("is RegExpRouter for every route the app has, the API's and the console's", () => {
    const app = createApp({
      services: () => {
        throw new Error("routing needs no services");
      },
      defaultCommunity: "default",
    });
    const router = app.router as SmartRouter<unknown>;
    const [handlers] = router.match("POST", "/v1/communities/default/moderate");
    expect(handlers.length).toBeGreaterThan(1); // the middlewares and the route, found by whichever router
    expect(router.activeRouter.name).toBe("RegExpRouter");
  });
});
