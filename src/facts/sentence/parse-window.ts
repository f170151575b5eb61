import type { SpannedMatch } from "./units.js";

/**
 * The most text the sentence layer parses, in UTF-16 code units. Parsing and
 * clause analysis cost grows with the text (and, within one long sentence,
 * with the hits in it), so a 64 KiB text full of hits would take hundreds of
 * milliseconds. Texts up to this size — every real message we have seen — are
 * parsed whole; longer ones only in windows around their first hits, up to this
 * budget and MAX_HITS hits. Hits outside the windows keep only the token-level facts (which
 * already see the whole text); the clause-level reading covers the first hits.
 */
export const PARSE_BUDGET = 4096;
/** The most hits the windows take: within one long sentence the clause analysis grows with hits squared. */
const MAX_HITS = 48;
/** Text kept either side of a hit, so its clause (subject, copula, negation) is parsed with it. */
const REACH = 240;

/**
 * How many of `matches` (in the matcher's order) the windows can take: all for a text parsed whole; for a
 * longer one, only the first MAX_HITS when the matches run in text order, as the matcher gives them. The
 * caller then places only those on the original text, not the tens of thousands a 64 KiB text can hold.
 */
export function hitsToPlace(length: number, matches: readonly { start: number }[]): number {
  if (length <= PARSE_BUDGET || matches.length <= MAX_HITS) return matches.length;
  for (let i = 1; i < matches.length; i++)
    if ((matches[i] as { start: number }).start < (matches[i - 1] as { start: number }).start) return matches.length;
  return MAX_HITS;
}

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/** Moves `at` outwards (step -1 or +1) to the nearest whitespace, within REACH, so no word is cut. */
function snap(text: string, at: number, step: -1 | 1): number {
  for (let i = at, n = 0; i > 0 && i < text.length && n < REACH; i += step, n++)
    if (isSpace(text.charCodeAt(i))) return i;
  return Math.max(0, Math.min(text.length, at));
}

/**
 * The text the parser reads and the matches it places. For a long text, the
 * parts outside the windows become spaces: offsets stay those of the original,
 * and the parser skips blank runs cheaply.
 */
export function parseWindow(
  original: string,
  matches: readonly SpannedMatch[],
): { text: string; matches: readonly SpannedMatch[] } {
  if (original.length <= PARSE_BUDGET) return { text: original, matches };
  const windows: [number, number][] = [];
  let used = 0;
  const ordered = [...matches].sort((a, b) => a.span[0] - b.span[0]).slice(0, MAX_HITS);
  for (const m of ordered) {
    const last = windows[windows.length - 1];
    if (last && m.span[1] <= last[1]) continue;
    if (used >= PARSE_BUDGET) break;
    const from = last && m.span[0] - REACH <= last[1] ? last[1] : snap(original, m.span[0] - REACH, -1);
    const to = snap(
      original,
      Math.min(original.length, m.span[1] + REACH, Math.max(m.span[1], from + PARSE_BUDGET - used)),
      1,
    );
    if (last && from === last[1]) last[1] = to;
    else windows.push([from, to]);
    used += to - from;
  }
  const taken = new Set(ordered);
  const inWindow = (m: SpannedMatch) => taken.has(m) && windows.some(([a, b]) => m.span[0] >= a && m.span[1] <= b);
  let text = "";
  let at = 0;
  for (const [a, b] of windows) {
    text += " ".repeat(a - at) + original.slice(a, b);
    at = b;
  }
  text += " ".repeat(original.length - at);
  return { text, matches: matches.filter(inWindow) };
}
