import type { ServerType } from "@hono/node-server";
import { createApp } from "../app.js";
import { seedDatabase } from "../communities/seed-database.js";
import { TEMPLATE_COMMUNITY } from "../communities/template.js";
import type { Config } from "../config/config.js";
import type { Services } from "../context.js";
import type { DatabaseHandle } from "../db/client.js";
import { openDatabase } from "../db/open-node.js";
import { createLogger, type Logger } from "../lib/logger.js";
import { createReasoner } from "../reasoner/providers.js";
import { WebhookWorker } from "../webhooks/delivery-worker.js";
import { nodePost, systemResolve } from "../webhooks/node-post.js";
import { sealPlaintextSecrets } from "../webhooks/seal-plaintext-secrets.js";
import { SecretBox } from "../webhooks/secret-box.js";
import { loadOrCreateSecretKey } from "../webhooks/secret-key-file.js";
import { type Resolve, TargetPolicy } from "../webhooks/target-policy.js";
import { createServices } from "./compose-services.js";
import { readNodeBody } from "./node-body.js";
import { createNodeServer } from "./node-client-errors.js";

/** The operator key is shown once on the terminal, never in the log stream. */
export const toTerminal = (line: string) => process.stderr.write(`${line}\n`);

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
  options: {
    database?: DatabaseHandle;
    logger?: Logger;
    announce?: (line: string) => void;
    /** How webhook host names resolve: the system resolver unless a test gives its own. */
    resolve?: Resolve;
  } = {},
): Promise<NodeService> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const database = options.database ?? (await openDatabase(config.database));
  await seedDatabase(database, config, logger, options.announce ?? toTerminal);
  const announce = options.announce ?? toTerminal;
  const secrets = new SecretBox(
    config.webhooks.secretKey ?? (await loadOrCreateSecretKey(config.webhooks.secretKeyFile, announce)),
  );
  await sealPlaintextSecrets(database.db, secrets);
  const policy = new TargetPolicy(config.webhooks.allow, options.resolve ?? systemResolve);
  const services = createServices({
    db: database.db,
    logger,
    groupCommit: config.groupCommit,
    normsRefreshMs: config.normsRefreshMs,
    reasoner: createReasoner(config.reasoner),
    judgment: config.reasoner,
    access: config.access,
    webhooks: { policy, secrets, post: nodePost(policy) },
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
        const created = createNodeServer(app.fetch, {
          hostname: host,
          logger,
          serverOptions: serverLimits(config.server),
        });
        server = created;
        created.listen(port, host, () => {
          const address = created.address();
          resolve({ server: created, port: typeof address === "object" && address ? address.port : port });
        });
      }),
    close: async () => {
      // Attempts in flight are sent and recorded before the database closes; the rest stay in the outbox.
      await Promise.all([webhooks.stop(), server && new Promise<void>((resolve) => server?.close(() => resolve()))]);
      await services.shadows.flush();
      await database.close();
    },
  };
}
