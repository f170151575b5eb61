import { isAsciiLetter, isAsciiLower, isAsciiUpper } from "./char-codes.js";
import { isEnglishAsciiSpan, isEnglishWord } from "./english-words.js";

/** What the language reading counts in a text: letters, lower-case words, and how many of those are English. */
export type WordCounts = { letters: number; common: number; english: number };

/**
 * Up to this length an ASCII text is scanned in place (most traffic: a short message). Longer texts are read
 * word by word with each distinct word looked up once: a 64 KiB text is tens of thousands of words, most of
 * them repeats.
 */
const IN_PLACE_UP_TO = 2048;

/**
 * Letters, lower-case (not Capitalised) words, and how many of those are English words or `lexiconHits`
 * (lower-case). A word is a run of letters (`\p{L}+`); Capitalised means an upper-case letter then a
 * lower-case one. Both readings below count alike; the in-place one only answers for ASCII text.
 */
export function countWords(text: string, lexiconHits: ReadonlySet<string>): WordCounts {
  return (
    (text.length <= IN_PLACE_UP_TO && countAsciiInPlace(text, lexiconHits)) || countDistinctWords(text, lexiconHits)
  );
}

/**
 * The counts of an ASCII text by one pass over its character codes: no regular expression, no word copied or
 * lower-cased (the word list is asked about the span itself), no Map. In ASCII the letters are A-Z and a-z.
 * `null` at the first non-ASCII character: Unicode letters, cases and lower-casing are the regular reading's.
 */
export function countAsciiInPlace(text: string, lexiconHits: ReadonlySet<string>): WordCounts | null {
  let letters = 0;
  let common = 0;
  let english = 0;
  const n = text.length;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    if (c >= 128) return null;
    if (!isAsciiLetter(c)) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < n && isAsciiLetter(text.charCodeAt(end))) end++;
    letters += end - i;
    if (!(isAsciiUpper(c) && end - i > 1 && isAsciiLower(text.charCodeAt(i + 1)))) {
      common++;
      const hit = lexiconHits.size > 0 && lexiconHits.has(text.slice(i, end).toLowerCase());
      if (hit || isEnglishAsciiSpan(text, i, end)) english++;
    }
    i = end;
  }
  return { letters, common, english };
}

const WORD = /\p{L}+/gu;
const CAPITALISED = /^\p{Lu}\p{Ll}/u;

/** The counts of any text, each distinct word read once (a regular expression, a lower-case copy, a lookup). */
export function countDistinctWords(text: string, lexiconHits: ReadonlySet<string>): WordCounts {
  /** A word's reading: 0 Capitalised (left out), 1 lower-case and not English, 2 lower-case and English. */
  const seen = new Map<string, 0 | 1 | 2>();
  let letters = 0;
  let common = 0;
  let english = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const w = m[0];
    letters += w.length;
    let reading = seen.get(w);
    if (reading === undefined) {
      const lower = w.toLowerCase();
      reading = CAPITALISED.test(w) ? 0 : isEnglishWord(lower) || lexiconHits.has(lower) ? 2 : 1;
      seen.set(w, reading);
    }
    if (reading > 0) common++;
    if (reading === 2) english++;
  }
  return { letters, common, english };
}
