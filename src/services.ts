import { Authenticator, type KeyMemory } from "./access/authenticator.js";
import { hashKey } from "./access/key-format.js";
import { type BucketMemory, type RateLimit, RateLimiter } from "./access/rate-limiter.js";
import type { Database } from "./db/client.js";
import { errorFields } from "./lib/error-fields.js";
import type { Logger } from "./lib/logger.js";
import type { JudgmentDeps } from "./moderation/judge.js";
import { NormSetCache, type NormSetMemory, normSetMemory } from "./norms/norm-set-cache.js";
import { precedentSummary, relevantPrecedents } from "./precedents/find-precedents.js";
import { type ShadowMemory, ShadowRunner, shadowMemory } from "./proposals/shadow-runner.js";
import { JudgmentCache } from "./reasoner/judgment-cache.js";
import { noReasoner, type Reasoner } from "./reasoner/port.js";
import { RulingWriter } from "./rulings/ruling-writer.js";

/**
 * Everything a verb may use, built once per process (Node) or per request
 * (Workers) and handed to handlers on the Hono context. Nothing reads globals.
 */
export type Services = {
  db: Database;
  normSets: NormSetCache;
  rulings: RulingWriter;
  judgment: JudgmentDeps;
  clock: () => Date;
  logger: Logger;
  /** Whether the service has finished starting (migrations, seeding). */
  ready: () => boolean;
  auth: Authenticator;
  limiter: RateLimiter;
  /** Proposals in shadow on live traffic. */
  shadows: ShadowRunner;
  /**
   * Runs work after the answer has been sent (shadow evaluation): on Node the
   * next turn of the event loop, on Workers `waitUntil`. Failures are logged.
   */
  background: (task: () => Promise<unknown>) => void;
};

/**
 * What outlives a request: caches, counters and compiled norm sets, with no
 * I/O objects in them. Node keeps one per process; a Worker one per isolate,
 * while its database client is per request (Workers cannot share sockets
 * between requests).
 */
export type ServiceMemory = {
  normSets: NormSetMemory;
  judgments: JudgmentCache;
  keys: KeyMemory;
  buckets: BucketMemory;
  shadows: ShadowMemory;
};

export const serviceMemory = (judgmentCacheSize = 10_000): ServiceMemory => ({
  normSets: normSetMemory(),
  judgments: new JudgmentCache(judgmentCacheSize),
  keys: new Map(),
  buckets: new Map(),
  shadows: shadowMemory(),
});

export function createServices(input: {
  db: Database;
  logger: Logger;
  groupCommit: { maxBatch: number; maxInFlight: number };
  normsRefreshMs: number;
  reasoner?: Reasoner;
  judgment?: { budgetMs: number; cacheSize: number };
  clock?: () => Date;
  ready?: () => boolean;
  access: { operatorKey?: string; rateLimit: RateLimit | null; keyCacheMs: number };
  background?: (task: () => Promise<unknown>) => void;
  memory?: ServiceMemory;
  /** 0 writes shadow results before each background task ends (Workers). */
  shadowFlushMs?: number;
}): Services {
  const { logger } = input;
  const memory = input.memory ?? serviceMemory(input.judgment?.cacheSize);
  // Everything reads the time through `services.clock`, which tests may replace.
  const clock = () => services.clock();
  const services: Services = {
    db: input.db,
    normSets: new NormSetCache(input.db, input.normsRefreshMs, () => clock().getTime(), memory.normSets, logger),
    rulings: new RulingWriter(input.db, input.groupCommit),
    judgment: {
      precedents: async (q) =>
        (await relevantPrecedents(input.db, q)).map((p) => ({ id: p.id, summary: precedentSummary(p) })),
      reasoner: input.reasoner ?? noReasoner,
      cache: memory.judgments,
      budgetMs: input.judgment?.budgetMs ?? 15_000,
    },
    clock: input.clock ?? (() => new Date()),
    logger,
    ready: input.ready ?? (() => true),
    auth: new Authenticator(
      input.db,
      {
        ...(input.access.operatorKey ? { operatorKeyHash: hashKey(input.access.operatorKey) } : {}),
        defaultRateLimit: input.access.rateLimit,
        cacheMs: input.access.keyCacheMs,
        now: () => clock().getTime(),
      },
      memory.keys,
    ),
    limiter: new RateLimiter(() => clock().getTime(), memory.buckets),
    shadows: new ShadowRunner(input.db, input.normsRefreshMs, logger, clock, memory.shadows, input.shadowFlushMs),
    background:
      input.background ??
      ((task) =>
        setImmediate(() => task().catch((e: unknown) => logger.error("background task failed", errorFields(e))))),
  };
  return services;
}
