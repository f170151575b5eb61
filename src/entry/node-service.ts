import { type ServerType, serve } from "@hono/node-server";
import { ensureOperatorKey } from "../access/operator-key.js";
import { createApp } from "../app.js";
import { ensureCommunity } from "../communities/seed-community.js";
import { TEMPLATE_COMMUNITY } from "../communities/template.js";
import type { Config } from "../config/config.js";
import type { DatabaseHandle } from "../db/client.js";
import { openDatabase } from "../db/open-node.js";
import { createLogger, type Logger } from "../lib/logger.js";
import { requirePackDir } from "../norms/load-pack.js";
import { createReasoner } from "../reasoner/providers.js";
import { createServices, type Services } from "../services.js";
import { WebhookWorker } from "../webhooks/delivery-worker.js";
import { readNodeBody } from "./node-body.js";
import { serverLimits } from "./node-server-limits.js";

export const DEFAULT_COMMUNITY = TEMPLATE_COMMUNITY;

export type NodeService = {
  services: Services;
  database: DatabaseHandle;
  app: ReturnType<typeof createApp>;
  /** Delivers the webhook outbox; started by `listen` unless MORES_WEBHOOK_INTERVAL_MS is 0. */
  webhooks: WebhookWorker;
  /** Starts listening; resolves with the bound port. */
  listen(port: number, host: string): Promise<{ server: ServerType; port: number }>;
  close(): Promise<void>;
};

/**
 * Builds the Node service: database (migrated), the default community seeded
 * from the norms folder on first start, services, app. Used by `npm start`,
 * the tests and the benchmark alike.
 */
export async function buildNodeService(
  config: Config,
  options: { database?: DatabaseHandle; logger?: Logger; announce?: (line: string) => void } = {},
): Promise<NodeService> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const database = options.database ?? (await openDatabase(config.database));
  await seedDatabase(database, config, logger, options.announce);
  const services = createServices({
    db: database.db,
    logger,
    groupCommit: config.groupCommit,
    normsRefreshMs: config.normsRefreshMs,
    reasoner: createReasoner(config.reasoner),
    judgment: config.reasoner,
    access: config.access,
  });
  const app = createApp({
    services: () => services,
    defaultCommunity: DEFAULT_COMMUNITY,
    bodyReader: readNodeBody,
    maxInFlight: config.maxInFlight,
  });
  const { intervalMs, maxAttempts, backoffMs, timeoutMs } = config.webhooks;
  const webhooks = new WebhookWorker(services, { intervalMs, timeoutMs, retry: { maxAttempts, baseMs: backoffMs } });
  let server: ServerType | undefined;
  return {
    services,
    database,
    app,
    webhooks,
    listen: (port, host) =>
      new Promise((resolve) => {
        if (intervalMs > 0) webhooks.start();
        server = serve({ fetch: app.fetch, port, hostname: host, serverOptions: serverLimits(config.server) }, (info) =>
          resolve({ server: server as ServerType, port: info.port }),
        );
      }),
    close: async () => {
      // Attempts in flight are sent and recorded before the database closes; the rest stay in the outbox.
      await Promise.all([webhooks.stop(), server && new Promise<void>((resolve) => server?.close(() => resolve()))]);
      await services.shadows.flush();
      await database.close();
    },
  };
}

/**
 * First start: the default community from the norms folder, and, unless
 * MORES_OPERATOR_KEY is set, an operator key printed once through `announce`
 * (the terminal, never the log stream). Returns the starter pack every new
 * community begins with.
 */
export async function seedDatabase(
  database: DatabaseHandle,
  config: Config,
  logger: Logger,
  announce: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
) {
  const pack = await requirePackDir(config.normsDir);
  await ensureCommunity(database.db, {
    id: DEFAULT_COMMUNITY,
    name: "Default community",
    pack,
    label: config.normsDir,
    logger,
  });
  if (!config.access.operatorKey) {
    const key = await ensureOperatorKey(database.db, new Date());
    if (key)
      announce(
        `mores: created the operator key. It is shown this once and stored only as a hash:\n\n    ${key}\n\nUse it as "Authorization: Bearer <key>" to create communities and their keys. Set MORES_OPERATOR_KEY to use a key of your own instead.`,
      );
  }
  return pack;
}
