import type { JudgmentResult } from "./port.js";

/**
 * Judgments by (content, norm version, context, provider, model, prompt
 * version), bounded, least recently used out first: retries and duplicates
 * cost no model call. Only successful answers are kept — a timeout is worth
 * asking again.
 */
export class JudgmentCache {
  private readonly entries = new Map<string, Extract<JudgmentResult, { ok: true }>>();

  constructor(private readonly maxEntries: number) {}

  get(key: string): Extract<JudgmentResult, { ok: true }> | undefined {
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
