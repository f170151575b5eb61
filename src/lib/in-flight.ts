/**
 * Work under way that a stop must wait for: `track` hands the work back
 * unchanged and remembers it until it settles; `size` and `settled()` say
 * what is left. A failure is the caller's to handle, never this set's.
 */
export class InFlight {
  private readonly running = new Set<Promise<void>>();

  track<T>(work: Promise<T>): Promise<T> {
    const done = work.then(
      () => {},
      () => {},
    );
    this.running.add(done);
    void done.then(() => this.running.delete(done));
    return work;
  }

  get size(): number {
    return this.running.size;
  }

  /** Resolves once everything tracked so far has settled. */
  async settled(): Promise<void> {
    await Promise.all(this.running);
  }
}
