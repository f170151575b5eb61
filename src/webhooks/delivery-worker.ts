import type { Services } from "../context.js";
import { errorFields } from "../lib/error-fields.js";
import { InFlight } from "../lib/in-flight.js";
import { afterFailure, DEFAULT_RETRY, type RetryPolicy } from "./backoff.js";
import { type ClaimedDelivery, claimDue, recordDelivered, recordFailure } from "./delivery-store.js";
import { type AttemptResult, sendDelivery, type WebhookPost } from "./send.js";

export type WebhookWorkerOptions = {
  /** How often the worker looks for due deliveries. */
  intervalMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Per attempt, for the whole HTTP exchange. */
  timeoutMs?: number;
  /** How long a claimed delivery stays reserved; well above timeoutMs, so a live worker never loses it. */
  leaseMs?: number;
  /** Deliveries sent at once; also how many are claimed at a time. */
  concurrency?: number;
  /** The HTTP client: the runtime's (services.webhooks.post) unless a test stands in for it. */
  post?: WebhookPost;
};

/**
 * Delivers the webhook outbox: at least once, with retries and exponential
 * backoff, from any number of processes at once (claims are leases; see
 * delivery-store.ts). Every attempt carries the event's id as `webhook-id`, so
 * a receiver that deduplicates by it sees each event exactly once.
 */
export class WebhookWorker {
  private readonly intervalMs: number;
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly leaseMs: number;
  private readonly concurrency: number;
  private readonly post: WebhookPost;
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;
  private readonly rounds = new InFlight();

  constructor(
    private readonly ctx: Pick<Services, "db" | "clock" | "logger" | "webhooks"> & Partial<Pick<Services, "metrics">>,
    options: WebhookWorkerOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 1000;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.leaseMs = options.leaseMs ?? 120_000;
    this.concurrency = options.concurrency ?? 10;
    this.post = options.post ?? ctx.webhooks.post;
  }

  /** Polls every intervalMs; a tick that finds a round still running is skipped. */
  start(): void {
    if (this.timer) return;
    this.stopping = false;
    const tick = () => {
      if (this.rounds.size === 0) {
        this.runOnce().catch((e: unknown) => this.ctx.logger.error("webhook round failed", errorFields(e)));
      }
      this.timer = setTimeout(tick, this.intervalMs).unref();
    };
    this.timer = setTimeout(tick, this.intervalMs).unref();
  }

  /** Stops polling and claiming, and waits for the attempts in flight to be sent and recorded. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.rounds.settled();
  }

  /**
   * Attempts every delivery due now, once: claims them a batch at a time until
   * none is left. A delivery that fails here is due again only after its
   * backoff, later than this round's cut-off, so a round always ends.
   * Returns how many attempts were made.
   */
  runOnce(): Promise<number> {
    return this.rounds.track(this.round());
  }

  private async round(): Promise<number> {
    const cutoff = this.ctx.clock();
    let attempted = 0;
    while (!this.stopping) {
      const lease = new Date(this.ctx.clock().getTime() + this.leaseMs);
      const claimed = await claimDue(this.ctx.db, { cutoff, lease, limit: this.concurrency });
      await Promise.all(claimed.map((d) => this.attempt(d)));
      attempted += claimed.length;
      if (claimed.length < this.concurrency) break;
    }
    return attempted;
  }

  /** Sends one claimed delivery and records the result; never throws (an unrecorded attempt is retried after its lease). */
  private async attempt(d: ClaimedDelivery): Promise<void> {
    const fields = { event: d.eventId, endpoint: d.endpointId, attempts: d.attempts };
    try {
      const result = await this.send(d);
      const now = this.ctx.clock();
      if (result.ok) {
        await recordDelivered(this.ctx.db, d, now, result.status);
        this.ctx.metrics?.webhookDelivery("delivered");
        return;
      }
      const next = result.final ? ({ status: "failed" } as const) : afterFailure(d.attempts, now, this.retry);
      await recordFailure(this.ctx.db, d, next, result);
      this.ctx.metrics?.webhookDelivery(next.status === "failed" ? "failed" : "retry");
      const log = next.status === "failed" ? this.ctx.logger.error : this.ctx.logger.warn;
      log(next.status === "failed" ? "webhook delivery failed for good" : "webhook delivery failed; will retry", {
        ...fields,
        // Not result.error: it quotes the receiver's answer, which may echo the event. It is in last_error.
        status: result.status,
      });
    } catch (e) {
      this.ctx.logger.error("webhook attempt not recorded", { ...fields, ...errorFields(e) });
    }
  }

  /** Opens the endpoint's sealed secret, then sends; a secret that does not open is a failed attempt, retried. */
  private async send(d: ClaimedDelivery): Promise<AttemptResult> {
    const { secrets, policy } = this.ctx.webhooks;
    let secret: string;
    try {
      secret = await secrets.open(d.secret, d.endpointId);
    } catch (e) {
      return { ok: false, status: null, error: (e as Error).message };
    }
    return sendDelivery(d, secret, this.ctx.clock(), { timeoutMs: this.timeoutMs, post: this.post, policy });
  }
}
