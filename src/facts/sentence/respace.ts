import type { Token } from "../tokenize.js";

const LETTER = /\p{L}/u;

/**
 * Where the lexical repair split a glued word ("blackfamilies" → "black" + "families"): original offsets
 * between two pieces that touch, letter to letter. Ordinary tokens never touch — the tokenizer splits at
 * non-letters — so a touching pair is always a split the parser could not see.
 */
export function gluedCuts(
  tokens: readonly Token[],
  folded: string,
  toOriginal: (start: number, end: number) => [number, number],
): number[] {
  const cuts: number[] = [];
  for (let i = 1; i < tokens.length; i++) {
    const a = tokens[i - 1] as Token;
    const b = tokens[i] as Token;
    if (a.end !== b.start || !LETTER.test(folded[a.end - 1] ?? "") || !LETTER.test(folded[b.start] ?? "")) continue;
    cuts.push(toOriginal(b.start, b.end)[0]);
  }
  return cuts;
}

/**
 * The text with a space at each cut, so the parser reads the glued words apart, and where an offset of the
 * text lands in it. `cuts` ascending.
 */
export function respace(text: string, cuts: readonly number[]): { text: string; at: (offset: number) => number } {
  if (cuts.length === 0) return { text, at: (offset) => offset };
  let out = "";
  let from = 0;
  for (const cut of cuts) {
    out += `${text.slice(from, cut)} `;
    from = cut;
  }
  out += text.slice(from);
  // An offset moves right by one for every cut at or before it (a span starting at a cut starts after its space);
  // counted by binary search, since a long glued text has thousands of cuts and every placed match asks.
  const at = (offset: number) => {
    let lo = 0;
    let hi = cuts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cuts[mid] as number) <= offset) lo = mid + 1;
      else hi = mid;
    }
    return offset + lo;
  };
  return { text: out, at };
}
