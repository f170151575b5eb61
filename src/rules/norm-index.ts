import { type ConditionTree, type Facts, factSpec } from "../domain/index.js";

/**
 * Which norms can a piece of content engage at all? json-rules-engine costs
 * ~10 µs per rule (STACK.md), so mores never runs every rule on every request:
 * each norm's trigger is reduced to a set of keys — a list fact containing a
 * value (`categories=slur`) or a boolean fact being true (`threat`) — at least
 * one of which must be present for the trigger to hold. Content with none of a
 * norm's keys skips that norm's engine; most benign content runs no engine.
 */
export type IndexKey = { key: string; fact: string; value?: string; number?: true };

/** Comparisons that hold only for a number: a signal's presence is necessary for them. */
const NUMERIC = new Set(["lessThan", "lessThanInclusive", "greaterThan", "greaterThanInclusive", "equal", "in"]);

const PREFERENCE: Record<string, number> = { "string[]": 0, boolean: 1 };

/** Keys of which one is necessary for the tree to hold, or null when the tree cannot be indexed. */
export function necessaryKeys(tree: ConditionTree): IndexKey[] | null {
  if ("all" in tree) {
    // Any one conjunct's keys are necessary; keep the most selective (list facts, fewest keys).
    const options = tree.all.map(necessaryKeys).filter((k): k is IndexKey[] => k !== null);
    options.sort((a, b) => cost(a) - cost(b));
    return options[0] ?? null;
  }
  if ("any" in tree) {
    const parts = tree.any.map(necessaryKeys);
    return parts.every((p) => p !== null) ? (parts as IndexKey[][]).flat() : null;
  }
  if ("not" in tree) return null;
  const spec = factSpec(tree.fact);
  if (spec?.type === "string[]" && tree.operator === "contains" && typeof tree.value === "string") {
    return [{ key: `${tree.fact}=${tree.value}`, fact: tree.fact, value: tree.value }];
  }
  if (spec?.type === "boolean" && tree.operator === "equal" && tree.value === true) {
    return [{ key: tree.fact, fact: tree.fact }];
  }
  // A signal is absent unless the request sent it, and no numeric comparison holds for an absent one.
  if (spec?.type === "number" && tree.fact.startsWith("signals.") && NUMERIC.has(tree.operator)) {
    return [{ key: `${tree.fact}?`, fact: tree.fact, number: true }];
  }
  return null;
}

const cost = (keys: IndexKey[]) =>
  keys.reduce((sum, k) => sum + 1 + (PREFERENCE[factSpec(k.fact)?.type ?? ""] ?? 2), 0);

export class NormIndex<N> {
  private readonly byKey = new Map<string, { check: IndexKey; norms: N[] }>();
  /** byKey's slots as a list, in the same order: walked on every evaluation. */
  private readonly slots: { check: IndexKey; norms: N[] }[] = [];
  private readonly always: N[] = [];

  add(norm: N, keys: IndexKey[] | null): void {
    if (keys === null) {
      this.always.push(norm);
      return;
    }
    for (const k of keys) {
      const slot = this.byKey.get(k.key);
      if (slot) slot.norms.includes(norm) || slot.norms.push(norm);
      else {
        const added = { check: k, norms: [norm] };
        this.byKey.set(k.key, added);
        this.slots.push(added);
      }
    }
  }

  /** Norms that cannot be indexed run on every evaluation; name them so editors can fix it. */
  get unindexed(): readonly N[] {
    return this.always;
  }

  candidates(facts: Facts): N[] {
    // A plain list, not a Set: a handful of norms at most, and most content engages none (no allocation then).
    let found: N[] | null = this.always.length > 0 ? [...this.always] : null;
    const values = facts as unknown as Record<string, unknown>;
    for (let i = 0; i < this.slots.length; i++) {
      const { check, norms } = this.slots[i] as { check: IndexKey; norms: N[] };
      const v = values[check.fact];
      const present = check.number
        ? typeof v === "number"
        : check.value === undefined
          ? v === true
          : Array.isArray(v) && v.includes(check.value);
      if (!present) continue;
      found ??= [];
      for (const n of norms) if (!found.includes(n)) found.push(n);
    }
    return found ?? [];
  }
}
