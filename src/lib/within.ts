/**
 * The value of `work` if it settles within `ms`, else `undefined` — and the
 * work goes on. Its timer is cleared as soon as the work settles, so a fast
 * answer leaves no timer behind. A rejection within `ms` rejects.
 */
export function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
