import { Authenticator } from "./access/authenticator.js";
import { hashKey } from "./access/key-format.js";
import { type RateLimit, RateLimiter } from "./access/rate-limiter.js";
import type { Database } from "./db/client.js";
import type { NormPack } from "./domain/index.js";
import type { Logger } from "./lib/logger.js";
import type { JudgmentDeps } from "./moderation/judge.js";
import { NormSetCache } from "./norms/norm-set-cache.js";
import { precedentSummary, relevantPrecedents } from "./precedents/find-precedents.js";
import { ShadowRunner } from "./proposals/shadow-runner.js";
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
  /** The first norm set of every community the operator creates. */
  starterPack: NormPack;
  /** Proposals in shadow on live traffic. */
  shadows: ShadowRunner;
  /**
   * Runs work after the answer has been sent (shadow evaluation): on Node the
   * next turn of the event loop, on Workers `waitUntil`. Failures are logged.
   */
  background: (task: () => Promise<unknown>) => void;
};

export function createServices(input: {
  db: Database;
  logger: Logger;
  groupCommit: { maxBatch: number; maxInFlight: number };
  normsRefreshMs: number;
  reasoner?: Reasoner;
  judgment?: { budgetMs: number; cacheSize: number };
  clock?: () => Date;
  ready?: () => boolean;
  starterPack: NormPack;
  access: { operatorKey?: string; rateLimit: RateLimit | null; keyCacheMs: number };
  background?: (task: () => Promise<unknown>) => void;
}): Services {
  const { logger } = input;
  // Everything reads the time through `services.clock`, which tests may replace.
  const clock = () => services.clock();
  const services: Services = {
    db: input.db,
    normSets: new NormSetCache(input.db, input.normsRefreshMs, () => clock().getTime()),
    rulings: new RulingWriter(input.db, input.groupCommit),
    judgment: {
      precedents: async (q) =>
        (await relevantPrecedents(input.db, q)).map((p) => ({ id: p.id, summary: precedentSummary(p) })),
      reasoner: input.reasoner ?? noReasoner,
      cache: new JudgmentCache(input.judgment?.cacheSize ?? 10_000),
      budgetMs: input.judgment?.budgetMs ?? 15_000,
    },
    clock: input.clock ?? (() => new Date()),
    logger,
    ready: input.ready ?? (() => true),
    auth: new Authenticator(input.db, {
      ...(input.access.operatorKey ? { operatorKeyHash: hashKey(input.access.operatorKey) } : {}),
      defaultRateLimit: input.access.rateLimit,
      cacheMs: input.access.keyCacheMs,
      now: () => clock().getTime(),
    }),
    limiter: new RateLimiter(() => clock().getTime()),
    starterPack: input.starterPack,
    shadows: new ShadowRunner(input.db, input.normsRefreshMs, logger, clock),
    background:
      input.background ??
      ((task) =>
        setImmediate(() => task().catch((e: unknown) => logger.error("background task failed", { error: String(e) })))),
  };
  return services;
}
