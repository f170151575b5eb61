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
import { buildNodeService, toTerminal } from "./node-service.js";

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

/** The primary migrates and seeds once, then forks the workers, and replaces any that die. */
async function primary() {
  const database = await openDatabase(config.database);
  await seedDatabase(database, config, logger, toTerminal);
  await database.close();
  for (let i = 0; i < config.workers; i++) cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    logger.error("worker died; starting another", { pid: worker.process.pid, code, signal });
    cluster.fork();
  });
  let stopping = false;
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

async function server() {
  const service = await buildNodeService(config, { logger });
  const { port } = await service.listen(config.port, config.host);
  if (cluster.isPrimary || cluster.worker?.id === 1) {
    logger.info("mores is listening", {
      url: `http://${config.host === "0.0.0.0" ? "127.0.0.1" : config.host}:${port}`,
      database: config.database.kind === "pglite" ? `pglite:${config.database.dataDir}` : "postgres",
      workers: config.workers,
    });
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info("stopping", { signal });
    // server.close waits for in-flight requests, whose rulings are committed before they answer.
    await service.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

(config.workers > 1 && cluster.isPrimary ? primary() : server()).catch((e: unknown) => {
  process.stderr.write(`mores: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
