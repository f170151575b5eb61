import type { ServerType } from "@hono/node-server";
import { createApp } from "../app.js";
import { seedDatabase } from "../communities/seed-database.js";
import { TEMPLATE_COMMUNITY } from "../communities/template.js";
import type { Config } from "../config/config.js";
import type { Services } from "../context.js";
import type { DatabaseHandle } from "../db/client.js";
import { openDatabase } from "../db/open-node.js";
import { AdmissionGate } from "../http/admission-gate.js";
import { createLogger, type Logger } from "../lib/logger.js";
import type { MetricsEndpoint } from "../lib/metrics-port.js";
import { loadReasoner } from "../reasoner/load-reasoner.js";
import { RulingMonths } from "../rulings/ruling-months.js";
import { WebhookWorker } from "../webhooks/delivery-worker.js";
import { nodePost, systemResolve } from "../webhooks/node-post.js";
import { sealPlaintextSecrets } from "../webhooks/seal-plaintext-secrets.js";
import { SecretBox } from "../webhooks/secret-box.js";
import { loadOrCreateSecretKey } from "../webhooks/secret-key-file.js";
import { type Resolve, TargetPolicy } from "../webhooks/target-policy.js";
import type { AppFetch } from "./answer-from-app.js";
import type { PrimaryChannel } from "./cluster-channel.js";
import { ClusterRateLimiter } from "./cluster-limiter.js";
import { createServices } from "./compose-services.js";
import { gracefulClose } from "./graceful-close.js";
import { moderateLane } from "./moderate-lane.js";
import { readNodeBody } from "./node-body.js";
import { createNodeServer } from "./node-client-errors.js";
import { nodeCompressor } from "./node-compress.js";
import { nodeDocsAssets } from "./node-docs-assets.js";
import { nodeMetrics } from "./node-metrics.js";

import { serverLimits } from "./node-server-limits.js";
import { listenForRevocations } from "./revocation-listener.js";

/** The operator key is shown once on the terminal (stderr), never in the JSON log stream (stdout). */
export const toTerminal = (line: string) => process.stderr.write(`${line}\n`);

export const DEFAULT_COMMUNITY = TEMPLATE_COMMUNITY;

export type NodeService = {
  services: Services;
  database: DatabaseHandle;
  app: ReturnType<typeof createApp>;
  /** What GET /metrics serves (also on MORES_METRICS_PORT). */
  metrics: MetricsEndpoint;
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
    /** In a cluster worker: the primary, which counts rate limits and gathers metrics for every worker. */
    primary?: PrimaryChannel;
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
  const { metrics, endpoint } = nodeMetrics(database.db, () => services.clock(), options.primary);
  const services = createServices({
    db: database.db,
    logger,
    metrics,
    ...(options.primary ? { limiter: new ClusterRateLimiter(options.primary, logger, config.workers) } : {}),
    groupCommit: { ...config.groupCommit, prepared: database.kind === "postgres" },
    normsRefreshMs: config.normsRefreshMs,
    reasoner: await loadReasoner(config.reasoner),
    judgment: config.reasoner,
    // MORES_OPERATOR_KEY is checked through its database row (seeded above), which rotation can revoke.
    access: {
      rateLimit: config.access.rateLimit,
      checkRateLimit: config.access.checkRateLimit,
      keyCacheMs: config.access.keyCacheMs,
    },
    outsideSignals: config.outsideSignals,
    webhooks: { policy, secrets, post: nodePost(policy) },
  });
  // One admission count for the app and the write lane together.
  const gate = new AdmissionGate(config.maxInFlight);
  const app = createApp({
    services: () => services,
    defaultCommunity: DEFAULT_COMMUNITY,
    bodyReader: readNodeBody,
    admission: gate,
    docsAssets: nodeDocsAssets,
    compressor: nodeCompressor,
    metrics: endpoint,
  });
  const { intervalMs, maxAttempts, backoffMs, timeoutMs } = config.webhooks;
  const webhooks = new WebhookWorker(services, { intervalMs, timeoutMs, retry: { maxAttempts, baseMs: backoffMs } });
  const rulingMonths = new RulingMonths(services, {
    ...(config.rulingsRetentionMonths !== undefined ? { retentionMonths: config.rulingsRetentionMonths } : {}),
  });
  // Before any request: this month's partition must exist, or its first rulings would settle in the default one
  // (a data directory copied from an older build's template has only the months of that build).
  await rulingMonths.upkeep();
  let drain: ReturnType<typeof gracefulClose> | undefined;
  let unlisten: (() => Promise<void>) | undefined;
  return {
    services,
    database,
    app,
    webhooks,
    metrics: endpoint,
    listen: async (port, host) => {
      unlisten = await listenForRevocations(database, services);
      return new Promise((resolve) => {
        if (intervalMs > 0) webhooks.start();
        // Daily: the months ahead are made, and past the retention months are dropped.
        rulingMonths.start();
        // Judgments a previous process left pending (it died, or stopped) are resumed from now on.
        services.pending.start();
        const created = createNodeServer(app.fetch, {
          hostname: host,
          logger,
          serverOptions: serverLimits(config.server),
          ...(config.writeLane
            ? { lane: moderateLane({ services, gate, fetch: app.fetch as AppFetch, compressor: nodeCompressor }) }
            : {}),
        });
        drain = gracefulClose(created, { graceMs: config.shutdown.graceMs, deadlineMs: config.shutdown.timeoutMs });
        created.listen(port, host, () => {
          const address = created.address();
          resolve({ server: created, port: typeof address === "object" && address ? address.port : port });
        });
      });
    },
    close: async () => {
      // In-flight requests are answered (their rulings committed: the group commit is empty after them);
      // webhook attempts in flight are sent and recorded; the rest stay in the outbox.
      await Promise.all([webhooks.stop(), drain?.close(), rulingMonths.stop()]);
      // After the last answer: judgments still with the model are let go, for the next process to resume.
      await services.pending.stop();
      await services.shadows.flush();
      await unlisten?.();
      await database.close();
    },
  };
}
