/**
 * `work` on every item, at most `limit` at a time, the results in the items' order; fails as the first failing
 * call does (the other lanes then take nothing more). For suites that send hundreds of independent requests:
 * one at a time, a request through workerd waits ~40 ms on its own round trips (one test of refusals took 38 s of
 * CI), and all at once, a burst through wrangler's local Hyperdrive opens a connection per request.
 */
export async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < items.length) {
      const at = next++;
      try {
        results[at] = await work(items[at] as T);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
