import type { Services } from "../context.js";
import type { Principal } from "../domain/index.js";

/** The wire format of a compatibility route's errors (src/http/dialects.ts); absent on native routes: problem+json. */
export type Dialect = "google" | "openai";

/** What handlers find on the Hono context: `principal` is set on every /v1 route by the authorize middleware. */
export type AppEnv = {
  Variables: {
    services: Services;
    requestId: string;
    principal: Principal;
    dialect?: Dialect;
    /** The path's `{community}`, read once (route-community.ts); null on a route without one. */
    routeCommunity?: string | null;
  };
};
