import { isAsciiLower } from "./char-codes.js";
import { emojiWords } from "./emoji.js";
import { SentenceCursor } from "./sentence-cursor.js";

/**
 * Splits folded text into word tokens ready for lexicon matching, undoing the
 * usual evasions on the way: leetspeak inside words, letters spread out with
 * separators ("f.a.g", "n i g g e r"), repeated letters. Each token keeps its
 * span in the folded text, its sentence, and whether it sits inside quotes.
 *
 * This runs on every request, so it works on char codes and allocates one
 * object per token; run lengths are derived only when a lexicon term is hit.
 */
export type Token = {
  /** Letters with every run squeezed to one ("niiigger" → "niger"). */
  skel: string;
  /** Letters before squeezing; `runLengths` derives what a match needs from it. */
  flat: string;
  start: number;
  end: number;
  sentence: number;
  quoted: boolean;
  /** Written as an @handle. */
  mention: boolean;
};

/** An emoji becomes the words of its name, each spanning the emoji; returns how far to move on. */
function emojiPieces(text: string, i: number, pieces: Piece[]): number {
  const code = text.codePointAt(i) as number;
  const words = emojiWords(code);
  if (!words) return 1;
  const length = code > 0xffff ? 2 : 1;
  for (const flat of words) pieces.push(piece(flat, i, i + length, false));
  return length;
}

const LEET: Record<string, string> = {
  "0": "o",
  "1": "i",
  "3": "e",
  "4": "a",
  "5": "s",
  "6": "g",
  "7": "t",
  "8": "b",
  "9": "g",
  "@": "a",
  $: "s",
  "!": "i",
  "|": "l",
};

const APOSTROPHE = 39;
const BACKTICK = 96;
const UNDERSCORE = 95;
const JOINER_CODES = new Set([
  APOSTROPHE,
  BACKTICK,
  64 /* @ */,
  36 /* $ */,
  33 /* ! */,
  124 /* | */,
  42 /* * */,
  UNDERSCORE,
]);
/** JOINER_CODES as a table over ASCII (every joiner is ASCII): read for every character of every text. */
const JOINER = Uint8Array.from({ length: 128 }, (_, c) => (JOINER_CODES.has(c) ? 1 : 0));
const isJoinerCode = (code: number) => code < 128 && JOINER[code] === 1;
const letterCache = new Map<number, boolean>();

function isLetterCode(code: number, text: string, i: number): boolean {
  if (isAsciiLower(code)) return true;
  if (code < 128) return false;
  let known = letterCache.get(code);
  if (known === undefined) {
    known = /\p{L}/u.test(text[i] as string);
    if (letterCache.size < 4096) letterCache.set(code, known);
  }
  return known;
}
const isDigitCode = (code: number) => code >= 48 && code <= 57;
const isAlnumAt = (text: string, i: number) => {
  const c = text.charCodeAt(i);
  return isDigitCode(c) || isLetterCode(c, text, i);
};
const isWordAt = (text: string, i: number) => {
  const c = text.charCodeAt(i);
  return isAsciiLower(c) || isDigitCode(c) || isJoinerCode(c) || isLetterCode(c, text, i);
};

/**
 * A word as it is cut from the text: already the Token it becomes, with its skeleton, sentence and quoting
 * filled in once all words are cut (one object a word; a piece, then a token, was a sixth of what an
 * evaluation allocated).
 */
type Piece = Token;
const piece = (flat: string, start: number, end: number, mention: boolean): Piece => ({
  skel: "",
  flat,
  start,
  end,
  sentence: 0,
  quoted: false,
  mention,
});

/**
 * Letters spread out by one joiner repeated between each ("w|o|m|e|n", "c*u*n*t"): the joiner
 * is a separator here, not a leet letter. Null unless three or more letters alternate with it.
 */
function spreadLetters(text: string, s: number, e: number): string | null {
  if (e - s < 5 || (e - s) % 2 === 0) return null;
  const joiner = text.charCodeAt(s + 1);
  if (!isJoinerCode(joiner)) return null;
  let letters = "";
  for (let i = s; i < e; i += 2) {
    if (!isLetterCode(text.charCodeAt(i), text, i)) return null;
    if (i + 1 < e && text.charCodeAt(i + 1) !== joiner) return null;
    letters += text[i];
  }
  return letters;
}

/** No character that cleaning rewrites or drops (digits, leet symbols, apostrophes, underscores): the word is its slice. */
function plainLetters(text: string, s: number, e: number): boolean {
  for (let i = s; i < e; i++) {
    const c = text.charCodeAt(i);
    if (isDigitCode(c) || (isJoinerCode(c) && c !== 42) /* "*" stays */) return false;
  }
  return true;
}

/** Cleans one run of word characters; returns null when nothing word-like is left. */
function clean(text: string, start: number, end: number): Piece | null {
  let s = start;
  let e = end;
  let mention = false;
  while (s < e && !isAlnumAt(text, s)) {
    const c = text[s];
    if (c === "@" && s === start && s + 1 < e && isAlnumAt(text, s + 1)) mention = true;
    else if (c === "$" && s + 1 < e && isLetterCode(text.charCodeAt(s + 1), text, s + 1)) break; // "$hit"
    s++;
  }
  while (e > s && !isAlnumAt(text, e - 1)) e--;
  if (s >= e) return null;
  let hasLetter = false;
  for (let i = s; i < e && !hasLetter; i++) hasLetter = isLetterCode(text.charCodeAt(i), text, i);
  const spread = spreadLetters(text, s, e);
  if (spread) return piece(spread, s, e, mention);
  if (plainLetters(text, s, e)) return piece(text.slice(s, e), s, e, mention);
  let flat = "";
  for (let i = s; i < e; i++) {
    const code = text.charCodeAt(i);
    if (code === APOSTROPHE || code === BACKTICK) continue; // apostrophes vanish: "don't" → "dont"
    // An underscore inside a word masks a letter as "*" does ("m_slim"); the masked reading needs the
    // other letters to agree, so "user_id" stays unread.
    if (code === UNDERSCORE) {
      if (hasLetter) flat += "*";
      continue;
    }
    const c = text[i] as string;
    flat += hasLetter ? (LEET[c] ?? c) : c;
  }
  return flat ? piece(flat, s, e, mention) : null;
}

/** Letters with every run squeezed to one; the same string when there is no run (its hash, once computed, is then shared). */
export function squeeze(flat: string): string {
  let runs = false;
  for (let i = 1; i < flat.length && !runs; i++) runs = flat.charCodeAt(i) === flat.charCodeAt(i - 1);
  if (!runs) return flat;
  let skel = "";
  let prev = -1;
  for (let i = 0; i < flat.length; i++) {
    const code = flat.charCodeAt(i);
    if (code !== prev) skel += flat[i];
    prev = code;
  }
  return skel;
}

/** Length of each run of a token's letters: "niigger" → [1, 2, 2, 1, 1]. */
export function runLengths(flat: string): number[] {
  const runs: number[] = [];
  let prev = -1;
  for (let i = 0; i < flat.length; i++) {
    const code = flat.charCodeAt(i);
    if (code === prev) runs[runs.length - 1] = (runs[runs.length - 1] as number) + 1;
    else runs.push(1);
    prev = code;
  }
  return runs;
}

/**
 * Whether the letter runs of `flat`, the first `limit` of them, cover a word's `runs` (its `runLengths`): as
 * many, each at least as long. "nigger" has the "gg" of "nigger", "nigerr" does not. Read in place: a 64 KiB
 * text can ask this ten thousand times, and arrays of runs per ask were a good part of its garbage.
 */
export function runsCover(flat: string, runs: readonly number[], limit = Number.POSITIVE_INFINITY): boolean {
  if (limit < runs.length) return false;
  let r = 0;
  let run = 0;
  for (let c = 0; c < flat.length && r < runs.length; c++) {
    run++;
    if (c + 1 < flat.length && flat.charCodeAt(c + 1) === flat.charCodeAt(c)) continue;
    if (run < (runs[r] as number)) return false;
    r++;
    run = 0;
  }
  return r === runs.length;
}

/** Spans [open, close) of quoted passages: paired double quotes, and single quotes that open at a word start and close at a word end. */
export function quoteSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!/["'`]/.test(text)) return spans;
  let doubleOpen = -1;
  let singleOpen = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      if (doubleOpen < 0) doubleOpen = i;
      else {
        spans.push([doubleOpen, i]);
        doubleOpen = -1;
      }
    } else if (c === "'" || c === "`") {
      const before = i > 0 && isAlnumAt(text, i - 1);
      const after = i + 1 < text.length && isAlnumAt(text, i + 1);
      if (!before && after && singleOpen < 0) singleOpen = i;
      else if (before && !after && singleOpen >= 0) {
        spans.push([singleOpen, i]);
        singleOpen = -1;
      }
    }
  }
  if (doubleOpen >= 0) spans.push([doubleOpen, text.length]); // an unclosed quote runs to the end
  return spans;
}

const isSingle = (p: Piece) => p.flat.length === 1;

/** A gap that spaces out letters: one to three separators on one line ("f.a", "f a", "f . a"). */
function spacedOut(text: string, from: number, to: number): boolean {
  if (to - from < 1 || to - from > 3) return false;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) return false;
  return true;
}

/** Whether text[from, to) is the same gap as text[at, at + to - from), compared in place (no strings made). */
function sameGap(text: string, from: number, to: number, at: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) !== text.charCodeAt(at + i - from)) return false;
  return true;
}

/** Whether the single-character pieces i..j spell `word`, compared in place. */
function spells(pieces: readonly Piece[], i: number, j: number, word: string): boolean {
  if (word.length !== j - i + 1) return false;
  for (let k = i; k <= j; k++) if ((pieces[k] as Piece).flat.charCodeAt(0) !== word.charCodeAt(k - i)) return false;
  return true;
}

/**
 * Three or more single characters spaced by short separators are one spelled-out word. Joined in place: the
 * word's first piece takes its letters and end, and the pieces after it move up; a 64 KiB text spelled out
 * letter by letter has 30,000 pieces, and a new array and piece per word were much of its garbage.
 */
function joinSpelledOut(pieces: Piece[], text: string): Piece[] {
  let singles = 0;
  for (const p of pieces) if (isSingle(p)) singles++;
  if (singles < 3) return pieces;
  let kept = 0;
  let i = 0;
  let joined = "";
  while (i < pieces.length) {
    let j = i;
    // One word is spread with one separator: "a c.u.n.t" is "a" and "cunt", not "acunt".
    // The separator is the first gap [sepStart, sepEnd), compared in place with the next ones.
    let sepStart = -1;
    let sepEnd = -1;
    while (j + 1 < pieces.length) {
      const a = pieces[j] as Piece;
      const b = pieces[j + 1] as Piece;
      if (!isSingle(a) || !isSingle(b) || !spacedOut(text, a.end, b.start)) break;
      if (sepStart >= 0 && (b.start - a.end !== sepEnd - sepStart || !sameGap(text, a.end, b.start, sepStart))) break;
      sepStart = a.end;
      sepEnd = b.start;
      j++;
    }
    const word = pieces[i] as Piece;
    if (j - i >= 2) {
      // A word spelled out again and again ("f.a.g f.a.g …") shares the string of the one before: no new
      // string, and the skeleton, lookups and hashes that follow are worked out once.
      if (spells(pieces, i, j, joined)) word.flat = joined;
      else {
        for (let k = i + 1; k <= j; k++) word.flat += (pieces[k] as Piece).flat;
        joined = word.flat;
      }
      word.end = (pieces[j] as Piece).end;
      word.mention = false;
    }
    pieces[kept++] = word;
    i = j - i >= 2 ? j + 1 : i + 1;
  }
  pieces.length = kept;
  return pieces;
}

export function tokenize(text: string): Token[] {
  const pieces: Piece[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isWordAt(text, i)) {
      i += text.charCodeAt(i) < 0x2000 ? 1 : emojiPieces(text, i, pieces);
      continue;
    }
    // A word of plain letters (most words, once folded) is its own slice: cleaning would find nothing to do.
    let plain = isAsciiLower(text.charCodeAt(i));
    let j = i + 1;
    for (; j < text.length && isWordAt(text, j); j++) plain &&= isAsciiLower(text.charCodeAt(j));
    const cut = plain ? piece(text.slice(i, j), i, j, false) : clean(text, i, j);
    if (cut) pieces.push(cut);
    i = j;
  }
  const sentences = new SentenceCursor(text);
  // Spans nest (a 'word' inside "…"), so sweep them by where they open, keeping the furthest close of
  // those already open: one pass over tokens and spans together, not every token against every span.
  const quotes = quoteSpans(text).sort((a, b) => a[0] - b[0]);
  let nextQuote = 0;
  let openUntil = -1;
  // A loop over the pieces, filled in where they are: V8's optimised `map` sizes its result up front and gives
  // up (deoptimises) for arrays past ~16,000 elements, every time a long text comes.
  const tokens = joinSpelledOut(pieces, text);
  // A word written as the one before (one string, as an emoji's words and a word spelled out again are)
  // takes its skeleton without another walk.
  let lastFlat = "";
  let lastSkel = "";
  for (const p of tokens) {
    for (; nextQuote < quotes.length && (quotes[nextQuote] as [number, number])[0] < p.start; nextQuote++)
      openUntil = Math.max(openUntil, (quotes[nextQuote] as [number, number])[1]);
    if (p.flat !== lastFlat) {
      lastFlat = p.flat;
      lastSkel = squeeze(lastFlat);
    }
    p.skel = lastSkel;
    p.sentence = sentences.sentenceOf(p.start);
    p.quoted = p.end <= openUntil;
  }
  return tokens;
}
