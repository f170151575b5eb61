/**
 * Runs CPU-bound tasks back to back, a batch per turn of the event loop, instead of each where its request
 * happens to be. An evaluation reads large tables (the lexicon trie, spelling memo, NLP model, rule memo); run
 * between other requests' parsing, writing and database replies, it finds them evicted from the CPU caches and
 * costs 2–4× what it costs warm (`npm run bench:cache-pressure`). Queued in one turn and run together in the next
 * check phase, every evaluation but the first of a batch finds them warm.
 *
 * A batch runs for `budgetMs` at most, then yields the event loop, so a burst of long texts does not hold up
 * other requests more than running them one by one would.
 *
 * Each task runs in the context it was queued from (OpenTelemetry's, kept by an AsyncLocalStorage): run from the
 * batch's own callback, every task would otherwise find the first one's request active, and its spans and log
 * lines would join that request's trace.
 */
import { context } from "@opentelemetry/api";

export type TurnBatch = <T>(task: () => Promise<T>) => Promise<T>;

export function turnBatch(budgetMs = 4): TurnBatch {
  /** The tasks of the next batch. A drain is scheduled or running exactly while this is not empty. */
  let queue: Array<() => void> = [];
  const drain = () => {
    const started = performance.now();
    for (let at = 0; at < queue.length; ) {
      (queue[at++] as () => void)();
      if (performance.now() - started > budgetMs && at < queue.length) {
        // The rest waits for the next turn. Dropped now, what ran is not held while new tasks keep the queue full.
        queue = queue.slice(at);
        return void setImmediate(drain);
      }
    }
    queue = [];
  };
  return <T>(task: () => Promise<T>) =>
    new Promise<T>((resolve, reject) => {
      const inContext = context.bind(context.active(), task);
      queue.push(() => {
        try {
          inContext().then(resolve, reject);
        } catch (e) {
          reject(e);
        }
      });
      if (queue.length === 1) setImmediate(drain);
    });
}

/** No batching: where a process serves one request at a time (a Worker isolate) or has no event loop turns. */
export const runNow: TurnBatch = (task) => task();
