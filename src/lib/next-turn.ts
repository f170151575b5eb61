/**
 * Resolves on a later turn of the event loop, after pending I/O callbacks have
 * run. Long loops of CPU work (a batch of 100 evaluations) await it between
 * steps so that other requests — `/ready`, a single moderation — are answered
 * meanwhile; resolving through microtasks alone would starve them.
 */
export const nextTurn = (): Promise<void> =>
  new Promise((resolve) => (typeof setImmediate === "function" ? setImmediate(resolve) : setTimeout(resolve, 0)));
