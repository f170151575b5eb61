import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./app-env.js";

type Document = ReturnType<OpenAPIHono<AppEnv>["getOpenAPI31Document"]>;

/**
 * What /openapi.json says about itself. `servers` starts with "/" so a client
 * generated from a running service calls that service; the second entry is
 * the address `npm start` and `mores norms push` use by default. Every
 * operation needs the bearer key unless it says `security: []` (the probes
 * and the documentation itself).
 */
export const OPENAPI_CONFIG = {
  openapi: "3.1.0",
  info: {
    title: "mores",
    version: "0.1.0",
    description:
      "Normative moderation: content is judged against a community's structured norms; every ruling is recorded and contestable.",
    license: { name: "Apache-2.0", url: "https://www.apache.org/licenses/LICENSE-2.0" },
  },
  servers: [
    { url: "/", description: "The service that served this document" },
    { url: "http://127.0.0.1:8787", description: "A local service started with `npm start` (PORT 8787)" },
  ],
  security: [{ bearer: [] }],
  tags: [
    { name: "moderation", description: "Judge content and record rulings" },
    { name: "rulings", description: "Recorded rulings and their statements of reasons" },
    { name: "norms", description: "The norms in force, their precedents, and dry runs against them" },
    { name: "reviews", description: "The moderators' queue" },
    { name: "appeals", description: "Contesting a ruling" },
    { name: "transparency", description: "Counts per norm over a time range" },
    { name: "webhooks", description: "Rulings and decisions pushed to a platform" },
    { name: "communities", description: "Communities and their settings (operator)" },
    { name: "keys", description: "API keys of a community" },
    { name: "audit", description: "Who changed what" },
    { name: "proposals", description: "Changing the norms: propose, test, approve, adopt" },
    { name: "compatibility", description: "Perspective and OpenAI moderation wire formats, recording rulings" },
    { name: "operations", description: "Probes and this documentation; no key needed" },
  ],
} satisfies Parameters<OpenAPIHono<AppEnv>["getOpenAPI31Document"]>[0];

/** The routes anyone may call: spread into `createRoute` (the document's default is the bearer key). */
export const openAccess = { security: [] as Array<Record<string, string[]>> };

/** The document /openapi.json serves; also what `mores openapi` prints and the typed client is generated from. */
export const openApiDocument = (app: OpenAPIHono<AppEnv>): Document => app.getOpenAPI31Document(OPENAPI_CONFIG);
