import type { Gate } from "./pattern-gate.js";

/**
 * The gates of a set's patterns (pattern-gate.ts) read in one pass over a text: which patterns the text may
 * match, as a bit mask. Asking each pattern's gate in turn scanned the text once per pattern, which cost
 * more than the RE2 passes it saved.
 *
 * Only the characters some gate needs have a row: `rows[c]` is the row of character c (0: none), and row r's
 * entry for a next ASCII character n is `follows[r * 128 + n]`, the patterns in which n may follow c.
 */
export type PatternGates = {
  rows: Uint8Array;
  follows: Uint32Array;
  /** By row: the patterns with the character in their gate (a non-ASCII character may follow it) and those that may end at it. */
  starts: Uint32Array;
  ends: Uint32Array;
  /** Patterns without a gate: every text may match them. */
  always: number;
  /** Patterns whose gate is not strict: a text with a non-ASCII character may match them. */
  lenient: number;
  all: number;
};

/** Past this many patterns a mask would not fit a small integer: every pattern is then asked. */
export const MAX_GATED = 30;

/** The gates of up to MAX_GATED patterns, in order (null: no gate). */
export function patternGates(gates: readonly (Gate | null)[]): PatternGates {
  const rows = new Uint8Array(128);
  let used = 0;
  for (const g of gates) if (g) for (let c = 0; c < 128; c++) if (g.chars[c] === 1 && rows[c] === 0) rows[c] = ++used;
  const follows = new Uint32Array((used + 1) * 128);
  const starts = new Uint32Array(used + 1);
  const ends = new Uint32Array(used + 1);
  let always = 0;
  let lenient = 0;
  gates.forEach((g, k) => {
    const bit = 1 << k;
    if (!g) {
      always |= bit;
      return;
    }
    if (!g.strict) lenient |= bit;
    for (let c = 0; c < 128; c++) {
      const row = rows[c] as number;
      if (g.chars[c] !== 1) continue;
      starts[row] = (starts[row] as number) | bit;
      if (g.ends[c] === 1) ends[row] = (ends[row] as number) | bit;
      for (let n = 0; n < 128; n++)
        if (g.follows[c * 128 + n] === 1) follows[row * 128 + n] = (follows[row * 128 + n] as number) | bit;
    }
  });
  return { rows, follows, starts, ends, always, lenient, all: gates.length === 0 ? 0 : 2 ** gates.length - 1 };
}

/** The patterns (bit k: pattern k) the text may match: each pattern's mayMatch, in one pass. */
export function openPatterns(gates: PatternGates, text: string): number {
  const { rows, follows, starts, ends, all, lenient } = gates;
  let open = gates.always;
  const last = text.length - 1;
  for (let i = 0; i <= last && open !== all; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) {
      open |= lenient;
      continue;
    }
    const row = rows[c] as number;
    if (row === 0) continue;
    if (i === last) open |= ends[row] as number;
    else {
      const n = text.charCodeAt(i + 1);
      open |= n >= 128 ? (starts[row] as number) : (follows[row * 128 + n] as number);
    }
  }
  return open;
}
