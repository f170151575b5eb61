import type { Services } from "../context.js";
import { dropExpiredRulingMonths, ensureRulingMonths } from "../db/ruling-partitions.js";
import { errorFields } from "../lib/error-fields.js";

const DAY_MS = 86_400_000;

/**
 * Keeps the monthly partitions of rulings ahead of time (this month and the next three) and, when the operator
 * set a retention (MORES_RULINGS_RETENTION_MONTHS), drops the months past it — at start, then once a day. Without
 * it nothing is ever dropped. A month that is missing costs nothing but speed: its rulings land in the default
 * partition. Every process may run it (the database serialises the work).
 */
export class RulingMonths {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly ctx: Pick<Services, "db" | "clock" | "logger">,
    private readonly options: { retentionMonths?: number; intervalMs?: number } = {},
  ) {}

  /** Runs once a day from now on; the caller runs `upkeep` first, before the first request can be written. */
  start(): void {
    if (this.timer) return;
    const tick = () => {
      this.running = this.upkeep();
      this.timer = setTimeout(tick, this.options.intervalMs ?? DAY_MS).unref();
    };
    this.timer = setTimeout(tick, this.options.intervalMs ?? DAY_MS).unref();
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** `runOnce`, its failure logged: a month not made yet costs only speed (the default partition takes its rows). */
  upkeep(): Promise<void> {
    return this.runOnce().catch((e: unknown) =>
      this.ctx.logger.error("ruling partition upkeep failed", errorFields(e)),
    );
  }

  async runOnce(): Promise<void> {
    const now = this.ctx.clock();
    const made = await ensureRulingMonths(this.ctx.db, now);
    if (made > 0) this.ctx.logger.info("ruling partitions created", { months: made });
    const retention = this.options.retentionMonths;
    if (retention === undefined) return;
    for (const month of await dropExpiredRulingMonths(this.ctx.db, now, retention)) {
      if (month.dropped) this.ctx.logger.info("retention dropped a month of rulings", { month: month.month });
      else this.ctx.logger.info("retention kept a month of rulings", { ...month });
    }
  }
}
