import type { Services } from "../context.js";
import type { Principal } from "../domain/index.js";

/** What handlers find on the Hono context: `principal` is set on every /v1 route by the authorize middleware. */
export type AppEnv = { Variables: { services: Services; requestId: string; principal: Principal } };
