/**
 * Group commit: items submitted while a flush is being prepared or running
 * are written together by the next flush, in one transaction. Each caller
 * waits for the flush that holds its item, so an answer is only sent once its
 * write is committed, and throughput is not bounded by one database round
 * trip per request.
 *
 * One item must not fail its neighbours: when a flush throws an error that
 * `isolate` pins on the data (say, a text the database refuses), the batch is
 * split in halves and each half flushed on its own, down to single items, so
 * only the bad item's caller gets the error and every other item commits.
 * Errors that are not about the data (the database is down) fail the whole
 * batch at once: retrying pieces of it would only hammer a dead server.
 *
 * @example
 *   const writer = new GroupCommit(async (rows) => insertAll(rows), { maxBatch: 200, maxInFlight: 2, isolate: isDataError });
 *   const saved = await writer.submit(row); // resolves after the transaction that holds `row` commits
 */
import { context, type SpanContext, SpanStatusCode, trace } from "@opentelemetry/api";
import { activeSpan, inSpan, recordError, tracingOn } from "./tracing.js";

export type FlushResult<R> = { ok: true; value: R } | { ok: false; error: unknown };

type Queued<T, R> = { item: T; resolve: (r: R) => void; reject: (e: unknown) => void; span?: SpanContext };

export class GroupCommit<T, R> {
  private queue: Array<Queued<T, R>> = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    /** Writes a batch in one transaction; returns one result per item, in order. */
    private readonly flush: (items: T[]) => Promise<Array<FlushResult<R>>>,
    private readonly options: {
      maxBatch: number;
      maxInFlight: number;
      isolate?: (error: unknown) => boolean;
      /**
       * With `weigh`, a flush takes items while their weight stays within this (always at least one item): an
       * in-process database (PGlite) runs each statement on the event loop, so a flush of a hundred large
       * rulings would hold up every other request for seconds; several smaller flushes let them in between.
       */
      maxWeight?: number;
      weigh?: (item: T) => number;
      /** Told each batch's size and how long its flush took (metrics). */
      observe?: (size: number, seconds: number) => void;
    },
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const span = tracingOn() ? trace.getSpanContext(context.active()) : undefined;
      this.queue.push({ item, resolve, reject, ...(span ? { span } : {}) });
      this.schedule();
    });
  }

  /** Flushes on the next turn of the event loop, so requests arriving together share a transaction. */
  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.options.maxInFlight || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.run();
    });
  }

  private async run(): Promise<void> {
    if (this.inFlight >= this.options.maxInFlight || this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.batchSize());
    this.inFlight++;
    this.schedule(); // a backlog uses every free slot, not one flush at a time
    try {
      await this.traced(batch, async () => {
        const started = performance.now();
        const results = await this.settle(batch.map((b) => b.item));
        this.options.observe?.(batch.length, (performance.now() - started) / 1000);
        batch.forEach((b, i) => {
          const r = results[i];
          if (!r) b.reject(new Error("group commit: flush returned too few results"));
          else if (r.ok) b.resolve(r.value);
          else b.reject(r.error);
        });
        const failed = results.filter((r) => !r.ok).length;
        if (failed > 0) activeSpan()?.setStatus({ code: SpanStatusCode.ERROR, message: `${failed} item(s) failed` });
      });
    } catch (e) {
      for (const b of batch) b.reject(e);
    } finally {
      this.inFlight--;
      this.schedule();
    }
  }

  /**
   * One span per flush. It serves many requests, so it links to each
   * submitter's span and is the child of the first (the one whose wait it
   * opened), rather than of whatever request happened to schedule it.
   */
  private traced(batch: Array<Queued<T, R>>, flush: () => Promise<void>): Promise<void> {
    const links = batch.flatMap((b) => (b.span ? [{ context: b.span }] : []));
    const first = batch[0]?.span;
    const parent = first ? trace.setSpanContext(context.active(), first) : trace.deleteSpan(context.active());
    return inSpan("mores.group_commit.flush", { "mores.batch_size": batch.length }, flush, { links, parent });
  }

  /** How many queued items the next flush takes: up to maxBatch, and within maxWeight when items are weighed. */
  private batchSize(): number {
    const { maxBatch, maxWeight, weigh } = this.options;
    const most = Math.min(maxBatch, this.queue.length);
    if (!weigh || maxWeight === undefined) return most;
    let n = 0;
    for (let weight = 0; n < most; n++) {
      weight += weigh((this.queue[n] as { item: T }).item);
      if (n > 0 && weight > maxWeight) break;
    }
    return n;
  }

  /** Flushes `items`; a data error is bisected so that only the items that cause it fail (halves run in turn). */
  private async settle(items: T[]): Promise<Array<FlushResult<R>>> {
    try {
      return await this.flush(items);
    } catch (e) {
      recordError(activeSpan(), e); // each failed statement on the flush's span (a bisected batch has several)
      if (items.length === 1 || !this.options.isolate?.(e)) return items.map(() => ({ ok: false, error: e }));
      const half = Math.ceil(items.length / 2);
      const first = await this.settle(items.slice(0, half));
      return [...first, ...(await this.settle(items.slice(half)))];
    }
  }
}
