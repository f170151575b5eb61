import type { Database } from "./db/client.js";
import type { Logger } from "./lib/logger.js";
import { NormSetCache } from "./norms/norm-set-cache.js";
import { RulingWriter } from "./rulings/ruling-writer.js";

/**
 * Everything a verb may use, built once per process (Node) or per request
 * (Workers) and handed to handlers on the Hono context. Nothing reads globals.
 */
export type Services = {
  db: Database;
  normSets: NormSetCache;
  rulings: RulingWriter;
  clock: () => Date;
  logger: Logger;
  /** Whether the service has finished starting (migrations, seeding). */
  ready: () => boolean;
};

export function createServices(input: {
  db: Database;
  logger: Logger;
  groupCommit: { maxBatch: number; maxInFlight: number };
  normsRefreshMs: number;
  clock?: () => Date;
  ready?: () => boolean;
}): Services {
  const clock = input.clock ?? (() => new Date());
  return {
    db: input.db,
    normSets: new NormSetCache(input.db, input.normsRefreshMs, () => clock().getTime()),
    rulings: new RulingWriter(input.db, input.groupCommit),
    clock,
    logger: input.logger,
    ready: input.ready ?? (() => true),
  };
}
