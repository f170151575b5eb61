import type { Authenticator, KeyMemory } from "./access/authenticator.js";
import type { BucketMemory, RateLimit, RateLimiterPort } from "./access/rate-limiter.js";
import type { Database } from "./db/client.js";
import type { Logger } from "./lib/logger.js";
import type { Metrics } from "./lib/metrics-port.js";
import type { TurnBatch } from "./lib/turn-batch.js";
import type { OutsideSignals } from "./moderation/outside-signals.js";
import type { PendingJudgments } from "./moderation/pending-judgments.js";
import type { NormSetCache, NormSetMemory } from "./norms/norm-set-cache.js";
import type { ShadowMemory, ShadowRunner } from "./proposals/shadow-runner.js";
import type { JudgmentCache } from "./reasoner/judgment-cache.js";
import type { JudgmentDeps } from "./reasoner/judgment-deps.js";
import type { RulingWriter } from "./rulings/ruling-writer.js";
import type { SecretBox } from "./webhooks/secret-box.js";
import type { WebhookPost } from "./webhooks/send.js";
import type { TargetPolicy } from "./webhooks/target-policy.js";

/** Where webhooks may go, how their secrets are sealed at rest, and how this runtime sends them. */
export type WebhookServices = { policy: TargetPolicy; secrets: SecretBox; post: WebhookPost };

/*
 * The context every verb receives: types only. What builds it (and wires the
 * precedent query into judgment) lives in src/entry/compose-services.ts, so
 * verbs depend on what they may use, never on how it is made.
 */

/**
 * Everything a verb may use, built once per process (Node) or per request
 * (Workers) and handed to handlers on the Hono context. Nothing reads globals.
 */
export type Services = {
  db: Database;
  normSets: NormSetCache;
  rulings: RulingWriter;
  judgment: JudgmentDeps;
  /** Judgments that outlived the platform's wait: followed, and resumed after a process goes away. */
  pending: PendingJudgments;
  clock: () => Date;
  logger: Logger;
  /** Counters and histograms for /metrics (Node); the do-nothing port elsewhere. */
  metrics: Metrics;
  /** Whether the service has finished starting (migrations, seeding). */
  ready: () => boolean;
  auth: Authenticator;
  limiter: RateLimiterPort;
  /** Classifier scores mores asks for itself, merged into each request's signals (src/moderation/outside-signals.ts). */
  outsideSignals: OutsideSignals;
  /** Each key's limit on `…/check` (its own bucket); null: none. */
  checkLimit: RateLimit | null;
  /** Proposals in shadow on live traffic. */
  shadows: ShadowRunner;
  /** Communities seen to exist (they are never deleted): the community guard's memory. */
  knownCommunities: Set<string>;
  /**
   * Runs work after the answer has been sent (shadow evaluation): on Node the
   * next turn of the event loop, on Workers `waitUntil`. Failures are logged.
   */
  background: (task: () => Promise<unknown>) => void;
  /**
   * Where a request's evaluation runs: on Node, with the other evaluations of its event-loop turn, back to back
   * (src/lib/turn-batch.ts says why); on Workers, at once.
   */
  evaluations: TurnBatch;
  webhooks: WebhookServices;
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
  communities: Set<string>;
};
