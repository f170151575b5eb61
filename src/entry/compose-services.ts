import { Authenticator } from "../access/authenticator.js";
import { hashKey } from "../access/key-format.js";
import { recordKeyUse } from "../access/key-usage.js";
import { type RateLimit, RateLimiter, type RateLimiterPort } from "../access/rate-limiter.js";
import type { ServiceMemory, Services, WebhookServices } from "../context.js";
import type { Database } from "../db/client.js";
import { errorFields } from "../lib/error-fields.js";
import type { Logger } from "../lib/logger.js";
import { type Metrics, noMetrics } from "../lib/metrics-port.js";
import { type TurnBatch, turnBatch } from "../lib/turn-batch.js";
import { noOutsideSignals, type OutsideSignalsConfig, openaiModerationSignals } from "../moderation/outside-signals.js";
import { PendingJudgments } from "../moderation/pending-judgments.js";
import { NormSetCache, normSetMemory } from "../norms/norm-set-cache.js";
import { precedentSummary, relevantPrecedents } from "../precedents/find-precedents.js";
import { ShadowRunner, shadowMemory } from "../proposals/shadow-runner.js";
import { JudgmentCache } from "../reasoner/judgment-cache.js";
import { noReasoner, type Reasoner } from "../reasoner/port.js";
import { tracedReasoner } from "../reasoner/traced-reasoner.js";
import { RulingWriter } from "../rulings/ruling-writer.js";
import { SecretBox } from "../webhooks/secret-box.js";
import { fetchPost } from "../webhooks/send.js";
import { TargetPolicy } from "../webhooks/target-policy.js";
import { meteredReasoner } from "./metered-reasoner.js";

/**
 * The composition root shared by the Node and Workers entries: builds the
 * services a request's verbs use (src/context.ts) from the database, the
 * configuration and what outlives a request (ServiceMemory).
 */
export const serviceMemory = (judgmentCacheSize = 10_000): ServiceMemory => ({
  normSets: normSetMemory(),
  judgments: new JudgmentCache(judgmentCacheSize),
  keys: new Map(),
  buckets: new Map(),
  shadows: shadowMemory(),
  communities: new Set(),
});

export function createServices(input: {
  db: Database;
  logger: Logger;
  /** Where counters go (Node: Prometheus); none by default. */
  metrics?: Metrics;
  /** `prepared`: the group commit's statement prepared once per connection (a real PostgreSQL session). */
  groupCommit: { maxBatch: number; maxInFlight: number; prepared?: boolean };
  normsRefreshMs: number;
  reasoner?: Reasoner;
  judgment?: { budgetMs: number; cacheSize: number; pendingIntervalMs?: number };
  clock?: () => Date;
  ready?: () => boolean;
  access: { operatorKey?: string; rateLimit: RateLimit | null; checkRateLimit?: RateLimit | null; keyCacheMs: number };
  /** Where rate limits are counted: this process unless the Node cluster counts them in its primary. */
  limiter?: RateLimiterPort;
  background?: (task: () => Promise<unknown>) => void;
  /** Default: batched per event-loop turn (Node); a Worker, serving one request, passes `runNow`. */
  evaluations?: TurnBatch;
  outsideSignals?: OutsideSignalsConfig | undefined;
  memory?: ServiceMemory;
  /** 0 writes shadow results before each background task ends (Workers). */
  shadowFlushMs?: number;
  /** Default: no internal address allowed, no resolver, no secret key, fetch. */
  webhooks?: Partial<WebhookServices>;
}): Services {
  const { logger } = input;
  const memory = input.memory ?? serviceMemory(input.judgment?.cacheSize);
  const metrics = input.metrics ?? noMetrics;
  // Counted (when metrics are kept) and traced (a no-op unless an OpenTelemetry SDK is registered).
  const metered = input.reasoner && metrics !== noMetrics ? meteredReasoner(input.reasoner, metrics) : input.reasoner;
  const reasoner = metered ? tracedReasoner(metered) : undefined;
  // Everything reads the time through `services.clock`, which tests may replace.
  const clock = () => services.clock();
  const services: Services = {
    db: input.db,
    normSets: new NormSetCache(input.db, input.normsRefreshMs, () => clock().getTime(), memory.normSets, logger),
    rulings: new RulingWriter(input.db, input.groupCommit, metrics),
    judgment: {
      precedents: async (q) =>
        (await relevantPrecedents(input.db, q)).map((p) => ({ id: p.id, summary: precedentSummary(p) })),
      reasoner: reasoner ?? noReasoner,
      cache: memory.judgments,
      budgetMs: input.judgment?.budgetMs ?? 15_000,
    },
    pending: new PendingJudgments(() => services, { intervalMs: input.judgment?.pendingIntervalMs ?? 5000 }),
    clock: input.clock ?? (() => new Date()),
    logger,
    metrics,
    ready: input.ready ?? (() => true),
    auth: new Authenticator(
      input.db,
      {
        ...(input.access.operatorKey ? { operatorKeyHash: hashKey(input.access.operatorKey) } : {}),
        defaultRateLimit: input.access.rateLimit,
        cacheMs: input.access.keyCacheMs,
        now: () => clock().getTime(),
        recordUse: (keyId, at) => services.background(() => recordKeyUse(input.db)(keyId, at)),
      },
      memory.keys,
    ),
    limiter: input.limiter ?? new RateLimiter(() => clock().getTime(), memory.buckets),
    checkLimit: input.access.checkRateLimit ?? null,
    outsideSignals: input.outsideSignals ? openaiModerationSignals(input.outsideSignals, logger) : noOutsideSignals,
    knownCommunities: memory.communities,
    shadows: new ShadowRunner(input.db, input.normsRefreshMs, logger, clock, memory.shadows, input.shadowFlushMs),
    background:
      input.background ??
      ((task) =>
        setImmediate(() => task().catch((e: unknown) => logger.error("background task failed", errorFields(e))))),
    evaluations: input.evaluations ?? turnBatch(),
    webhooks: {
      policy: input.webhooks?.policy ?? new TargetPolicy(),
      secrets: input.webhooks?.secrets ?? new SecretBox(undefined),
      post: input.webhooks?.post ?? fetchPost,
    },
  };
  return services;
}
