/**
 * `npm start`: mores on Node. PGlite in MORES_DATA_DIR unless DATABASE_URL
 * points at a PostgreSQL; with PostgreSQL, MORES_WORKERS server processes
 * share the port. The only file that reads process.env.
 */
import cluster from "node:cluster";
import { availableParallelism } from "node:os";
import { seedDatabase } from "../communities/seed-database.js";
import { ConfigError, loadConfig } from "../config/config.js";
import { openDatabase } from "../db/open-node.js";
import { createLogger } from "../lib/logger.js";
import { answerWorkers, PrimaryChannel } from "./cluster-channel.js";
import { rateLimitHandlers } from "./cluster-limiter.js";
import { clusterMetrics, serveMetricsPort } from "./node-metrics.js";
import { buildNodeService, toTerminal } from "./node-service.js";
import { startTracing } from "./node-tracing.js";
import { releaseStartMemory } from "./release-start-memory.js";
import { withServerFlags } from "./server-flags.js";
import { onStopSignal } from "./stop-signal.js";

const config = loadConfigOrExit();
const logger = createLogger(config.logLevel);

function loadConfigOrExit() {
  try {
    return loadConfig(process.env, { cores: availableParallelism() });
  } catch (e) {
    process.stderr.write(`mores: ${e instanceof ConfigError ? e.message : String(e)}\n`);
    process.exit(1);
  }
}

const shownHost = config.host === "0.0.0.0" ? "127.0.0.1" : config.host;

/**
 * The primary migrates and seeds once, forks the workers and replaces any
 * that die; it counts every worker's rate limits and gathers their metrics.
 * On SIGTERM/SIGINT it passes the signal on, waits for every worker to drain
 * and exit, and exits 0 if they all did.
 */
async function primary() {
  const database = await openDatabase(config.database);
  await seedDatabase(database, config, logger, toTerminal);
  await database.close();
  await releaseStartMemory();
  const gathered = clusterMetrics();
  answerWorkers({ ...rateLimitHandlers(), ...gathered.handlers });
  const metricsServer =
    config.metricsPort === undefined
      ? undefined
      : await serveMetricsPort(gathered.endpoint, config.metricsPort, config.host);
  let stopping = false;
  let failed = false;
  // Counted here: cluster.workers may still list a worker in its own "exit" event.
  const alive = new Set<number>();
  // Every worker runs with the server's V8 flags, whether or not they were given to this process.
  cluster.setupPrimary({ execArgv: withServerFlags(process.execArgv) });
  const fork = () => alive.add(cluster.fork().id);
  for (let i = 0; i < config.workers; i++) fork();
  cluster.on("exit", (worker, code, signal) => {
    alive.delete(worker.id);
    if (stopping) {
      if (code !== 0) failed = true;
      if (alive.size > 0) return;
      logger.info("stopped", { workers: config.workers });
      process.exit(failed ? 1 : 0);
    }
    logger.error("worker died; starting another", { pid: worker.process.pid, code, signal });
    fork();
  });
  onStopSignal((signal) => {
    stopping = true;
    logger.info("stopping", { signal, workers: config.workers });
    metricsServer?.close();
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
  });
}

/** One server process: the whole service, or one cluster worker. */
async function server() {
  // Before any request: spans made until the SDK is registered would be no-ops.
  const tracing = await startTracing(config.traces, logger);
  const primaryChannel = cluster.isWorker ? new PrimaryChannel() : undefined;
  const service = await buildNodeService(config, { logger, ...(primaryChannel ? { primary: primaryChannel } : {}) });
  // Before listening: the first requests do not wait on the collection.
  await releaseStartMemory();
  const { port } = await service.listen(config.port, config.host);
  const metricsServer =
    cluster.isPrimary && config.metricsPort !== undefined
      ? await serveMetricsPort(service.metrics, config.metricsPort, config.host)
      : undefined;
  if (cluster.isPrimary || cluster.worker?.id === 1) {
    logger.info("mores is listening", {
      url: `http://${shownHost}:${port}`,
      database: config.database.kind === "pglite" ? `pglite:${config.database.dataDir}` : "postgres",
      workers: config.workers,
      ...(config.metricsPort !== undefined ? { metrics: `http://${shownHost}:${config.metricsPort}/metrics` } : {}),
      ...(config.traces ? { traces: config.traces.url } : {}),
    });
  }
  onStopSignal(async (signal) => {
    // In a cluster, the primary logs for the service; each worker says it is draining at debug.
    const log = cluster.isPrimary ? logger.info : logger.debug;
    log("stopping", { signal });
    metricsServer?.close();
    await service.close();
    // After the last answer: the spans still queued are exported before the process ends.
    await tracing.shutdown().catch(() => {});
    log("stopped", { signal });
    process.exit(0);
  });
}

(config.workers > 1 && cluster.isPrimary ? primary() : server()).catch((e: unknown) => {
  process.stderr.write(`mores: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
