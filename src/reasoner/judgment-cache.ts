import type { JudgmentResult } from "./port.js";

type Answer = Extract<JudgmentResult, { ok: true }>;

/**
 * Judgments by (content, norm version, context, provider, model, prompt
 * version), bounded, least recently used out first: retries and duplicates
 * cost no model call. Only successful answers are kept — a timeout is worth
 * asking again.
 *
 * Single flight: while a judgment is being asked, identical requests wait
 * for that one model call instead of making their own (3,000 identical
 * requests arriving together made 50 calls before). Its result, failure
 * included, is shared by everyone who waited; only a success is cached.
 */
export class JudgmentCache {
  private readonly entries = new Map<string, Answer>();
  private readonly inFlight = new Map<string, Promise<JudgmentResult>>();

  constructor(private readonly maxEntries: number) {}

  /**
   * The judgment for `key`: from the cache, from a call already in flight, or
   * from `ask` (which then runs once for everyone asking meanwhile).
   * `shared` is true when no model call was made for this caller.
   */
  async resolve(key: string, ask: () => Promise<JudgmentResult>): Promise<{ result: JudgmentResult; shared: boolean }> {
    const cached = this.get(key);
    if (cached) return { result: cached, shared: true };
    const pending = this.inFlight.get(key);
    if (pending) return { result: await pending, shared: true };
    const call = ask().then((result) => {
      this.set(key, result);
      return result;
    });
    this.inFlight.set(key, call);
    try {
      return { result: await call, shared: false };
    } finally {
      this.inFlight.delete(key);
    }
  }

  get(key: string): Answer | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: JudgmentResult): void {
    if (!value.ok || this.maxEntries === 0) return;
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }
}
