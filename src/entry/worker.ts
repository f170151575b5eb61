/**
 * mores on Cloudflare Workers. Everything but this file is shared with Node:
 * the same app, routes, verbs and rules. Per isolate: the validated
 * configuration, the reasoner and the caches (compiled norm sets by version,
 * checked keys, judgments). Per request: the PostgreSQL client, through
 * Hyperdrive, because a Worker cannot reuse a socket across requests.
 * Norms come from PostgreSQL: there is no file system.
 */
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { createApp } from "../app.js";
import { TEMPLATE_COMMUNITY } from "../communities/template.js";
import { type Config, loadConfig } from "../config/config.js";
import type { ServiceMemory, Services } from "../context.js";
import { type Database, schema } from "../db/client.js";
import { postgresOptions } from "../db/postgres-options.js";
import { errorFields } from "../lib/error-fields.js";
import { createLogger } from "../lib/logger.js";
import { runNow } from "../lib/turn-batch.js";
import { createReasoner } from "../reasoner/providers.js";
import type { AiBinding } from "../reasoner/workers-ai-binding.js";
import { WebhookWorker } from "../webhooks/delivery-worker.js";
import { SecretBox } from "../webhooks/secret-box.js";
import { TargetPolicy } from "../webhooks/target-policy.js";
import { createServices, serviceMemory } from "./compose-services.js";

/** The Worker's bindings: see wrangler.toml. Every string var is validated like Node's environment. */
export type WorkerEnv = {
  HYPERDRIVE: { connectionString: string };
  AI?: AiBinding;
} & Record<string, unknown>;

type ExecutionContext = { waitUntil(promise: Promise<unknown>): void; passThroughOnException?(): void };

type Isolate = {
  config: Config;
  memory: ServiceMemory;
  reasoner: ReturnType<typeof createReasoner>;
  webhooks: { policy: TargetPolicy; secrets: SecretBox };
};
let isolate: Isolate | undefined;

/** Built on the first request an isolate serves, from its bindings; an invalid configuration fails every request. */
function isolateFor(env: WorkerEnv): Isolate {
  if (isolate) return isolate;
  const vars = Object.fromEntries(Object.entries(env).filter(([, v]) => typeof v === "string")) as Record<
    string,
    string
  >;
  const config = loadConfig({ ...vars, DATABASE_URL: env.HYPERDRIVE.connectionString });
  isolate = {
    config,
    memory: serviceMemory(config.reasoner.cacheSize),
    reasoner: createReasoner(config.reasoner, env.AI ? { ai: env.AI } : {}),
    // No resolver on Workers: webhook hosts are checked as written (literal addresses and internal names) only.
    // Without MORES_SECRET_KEY, registering a webhook answers 503 and sealed secrets cannot be opened.
    webhooks: { policy: new TargetPolicy(config.webhooks.allow), secrets: new SecretBox(config.webhooks.secretKey) },
  };
  return isolate;
}

/** Services for one request (or cron run); `close` ends its database client once its background tasks settle. */
function servicesFor(env: WorkerEnv, ctx: ExecutionContext) {
  const { config, memory, reasoner, webhooks } = isolateFor(env);
  // Hyperdrive pools the connections; this client lives as long as the request.
  const limits = config.database.kind === "postgres" ? config.database : undefined;
  const client = postgres(env.HYPERDRIVE.connectionString, {
    // Hyperdrive shares server sessions between clients: connect timeout and backoff only, no session settings.
    ...(limits ? postgresOptions(limits, 5, false) : { max: 5, onnotice: () => {} }),
    fetch_types: false,
  });
  const logger = createLogger(config.logLevel);
  const tasks: Promise<unknown>[] = [];
  const services = createServices({
    db: drizzle({ client, schema }) as unknown as Database,
    logger,
    // No group commit across requests: each request writes its own ruling.
    groupCommit: { maxBatch: config.groupCommit.maxBatch, maxInFlight: 1 },
    normsRefreshMs: config.normsRefreshMs,
    reasoner,
    judgment: config.reasoner,
    access: config.access,
    outsideSignals: config.outsideSignals,
    memory,
    background: (task) => {
      const running = task().catch((e: unknown) => logger.error("background task failed", errorFields(e)));
      tasks.push(running);
      ctx.waitUntil(running);
    },
    shadowFlushMs: 0,
    // One request per set of services: nothing to batch with.
    evaluations: runNow,
    webhooks,
  });
  const close = () => Promise.allSettled(tasks).then(() => client.end({ timeout: 5 }));
  return { services, config, close };
}

const SERVICES = Symbol("mores services");
const app = createApp({
  services: (c) => (c.env as { [SERVICES]: Services })[SERVICES],
  defaultCommunity: TEMPLATE_COMMUNITY,
  // /docs's script and style are static assets on Workers (wrangler.toml [assets]), served before the app.
});

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    const { services, close } = servicesFor(env, ctx);
    try {
      return await app.fetch(request, { ...env, [SERVICES]: services }, ctx as never);
    } finally {
      ctx.waitUntil(close());
    }
  },

  /** Cron Trigger: delivers due webhooks (a Worker has no long-lived timer). */
  async scheduled(_event: unknown, env: WorkerEnv, ctx: ExecutionContext): Promise<void> {
    const { services, config, close } = servicesFor(env, ctx);
    const worker = new WebhookWorker(services, {
      timeoutMs: config.webhooks.timeoutMs,
      retry: { maxAttempts: config.webhooks.maxAttempts, baseMs: config.webhooks.backoffMs },
    });
    ctx.waitUntil(worker.runOnce().finally(close));
  },
};
