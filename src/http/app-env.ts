import type { Services } from "../services.js";

/** What handlers find on the Hono context. */
export type AppEnv = { Variables: { services: Services; requestId: string } };
