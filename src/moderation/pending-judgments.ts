import type { Database } from "../db/client.js";
import { isDataError } from "../db/data-error.js";
import { errorFields } from "../lib/error-fields.js";
import { GroupCommit } from "../lib/group-commit.js";
import { InFlight } from "../lib/in-flight.js";
import type { Logger } from "../lib/logger.js";
import type { ActiveNormSet, NormSetCache } from "../norms/norm-set-cache.js";
import type { JudgmentDeps } from "../reasoner/judgment-deps.js";
import { buildRulingRecord } from "../rulings/evaluation-record.js";
import { type ClaimedJudgment, claimExpired, releaseLeases } from "../rulings/pending-store.js";
import { MAX_FLUSH_CHARS, rulingWeight } from "../rulings/ruling-weight.js";
import {
  type FinishedJudgment,
  type SupersedeResult,
  supersedeProvisionals,
} from "../rulings/supersede-provisional.js";
import { runPipeline } from "./pipeline.js";
import type { JudgedEvaluation } from "./settle-pending.js";

/** What it uses of the services (src/context.ts), named here: the services hold this class. */
type Deps = { db: Database; normSets: NormSetCache; judgment: JudgmentDeps; clock: () => Date; logger: Logger };

/** Margin past the reasoning budget before a judgment whose process went silent is taken over. */
const LEASE_MARGIN_MS = 10_000;

/**
 * Judgments that outlived the platform's wait. The process that answered
 * provisionally follows the model call it started and writes the final
 * ruling when it ends (or fails: then `review`). Every process also resumes,
 * at start and every `intervalMs`, pending judgments whose lease ran out — a
 * process died, or stopped and let them go — by judging them again.
 */
export class PendingJudgments {
  /** Judgments this process is working on: released when it stops. */
  private readonly held = new Map<string, string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopping = false;
  private resuming: Promise<unknown> | undefined;
  /** Claims and final writes under way: a stop waits for these, never for a model call. */
  private readonly writes = new InFlight();
  /**
   * Final rulings finished together (one model answer shared by many requests) are written together, in one
   * statement; one the database refuses fails alone.
   */
  private readonly finals = new GroupCommit<FinishedJudgment, SupersedeResult>(
    (finished) => supersedeProvisionals(this.ctx().db, finished),
    {
      maxBatch: 100,
      maxInFlight: 1,
      maxWeight: MAX_FLUSH_CHARS,
      weigh: (f) => rulingWeight(f.evaluated),
      isolate: isDataError,
    },
  );

  constructor(
    private readonly ctx: () => Deps,
    private readonly options: { intervalMs: number; batch?: number },
  ) {}

  /** How long a process holds a judgment: the whole reasoning budget, and a margin. */
  get leaseMs(): number {
    return this.ctx().judgment.budgetMs + LEASE_MARGIN_MS;
  }

  /** Follows a provisional ruling's judgment to its final ruling; never rejects (a failure is resumed later). */
  follow(job: ClaimedJudgment, set: ActiveNormSet, judging: Promise<JudgedEvaluation>): Promise<void> {
    this.held.set(job.rulingId, job.token);
    return this.followHeld(job, set, judging);
  }

  private async followHeld(job: ClaimedJudgment, set: ActiveNormSet, judging: Promise<JudgedEvaluation>) {
    try {
      await this.finish(job, set, await judging);
    } catch (e) {
      this.ctx().logger.error("pending judgment not finished; resumed after its lease", {
        ruling: job.rulingId,
        ...errorFields(e),
      });
    } finally {
      this.held.delete(job.rulingId);
    }
  }

  /** Claims and judges again the pending judgments nobody holds. Returns how many it claimed. */
  async resumeOnce(): Promise<number> {
    const { db, clock, normSets, judgment } = this.ctx();
    if (this.stopping) return 0;
    const claimed = await this.writes.track(
      claimExpired(db, { now: clock(), leaseMs: this.leaseMs, limit: this.options.batch ?? 20 }),
    );
    await Promise.all(
      claimed.map(async (job) => {
        this.held.set(job.rulingId, job.token); // held from the claim, so a stop now lets it go
        try {
          const set = await normSets.current(job.community);
          await this.follow(job, set, runPipeline(judgment, set, job.request));
        } catch (e) {
          this.held.delete(job.rulingId);
          this.ctx().logger.error("pending judgment not resumed", { ruling: job.rulingId, ...errorFields(e) });
        }
      }),
    );
    return claimed.length;
  }

  /** Resumes at once, then every intervalMs (0: at start only). */
  start(): void {
    this.stopping = false;
    const tick = () => {
      this.resuming ??= this.resumeOnce()
        .catch((e: unknown) => this.ctx().logger.error("resuming pending judgments failed", errorFields(e)))
        .finally(() => {
          this.resuming = undefined;
        });
      if (this.options.intervalMs > 0 && !this.stopping) this.timer = setTimeout(tick, this.options.intervalMs).unref();
    };
    tick();
  }

  /**
   * Stops resuming and lets go of the judgments in flight: their model calls
   * may still end, but nothing is written after this; the next process (or
   * another one) resumes them at once instead of after their lease.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.writes.settled();
    const held = [...this.held].map(([rulingId, token]) => ({ rulingId, token }));
    this.held.clear();
    if (held.length > 0) await releaseLeases(this.ctx().db, held, this.ctx().clock());
  }

  private async finish(job: ClaimedJudgment, set: ActiveNormSet, evaluation: JudgedEvaluation): Promise<void> {
    if (this.stopping || !this.held.has(job.rulingId)) return;
    const { clock, logger } = this.ctx();
    const now = clock();
    const record = buildRulingRecord({ set, request: job.request, evaluation, now });
    const result = await this.writes.track(
      this.finals.submit({ provisionalId: job.rulingId, token: job.token, evaluated: record, now }),
    );
    if (result.status === "superseded")
      logger.info("provisional ruling superseded by judgment", { ruling: job.rulingId, by: result.ruling.row.id });
    else logger.info("pending judgment dropped", { ruling: job.rulingId, reason: result.status });
  }
}
