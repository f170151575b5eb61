import { FNV1A_START, fnv1a } from "../lib/fnv1a.js";
import { isAsciiUpper } from "./char-codes.js";
import { ENGLISH_WORDS } from "./generated/english-words.js";

/**
 * The real-word guard: is a token an English word? Typo tolerance, derived
 * forms and segmentation only ever rewrite tokens that are NOT words, so
 * "bigger" never reads as a slur one letter away and "therapist" is never
 * split. The list (an-array-of-english-words, ~275,000 words) is decoded on
 * first use into bytes and an open-addressing hash table of offsets: no
 * string per word, so it builds in milliseconds and a lookup allocates nothing
 * (a Set of 275,000 strings costs a cold start ten times as long). Each slot
 * holds a word's offset and length together (`offset * 32 + length`), so a
 * lookup reads the slot, then the word's bytes: two places in megabytes of tables,
 * where a table of starts between them made three (in mixed traffic, each a
 * cache miss: most of what asking costs).
 */
type Table = { bytes: Uint8Array; slots: Int32Array; mask: number };
/** A slot's length field: 5 bits (the longest word is 28 letters; decode refuses a longer one). */
const LENGTH_BITS = 5;
const MAX_LENGTH = (1 << LENGTH_BITS) - 1;
let table: Table | null = null;

/** FNV-1a over a word's letters, from the decoded bytes (lookUp hashes a string's the same way). */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = FNV1A_START;
  for (let k = start; k < end; k++) h = fnv1a(h, bytes[k] as number);
  return h >>> 0;
}

function decode(): Table {
  const src = ENGLISH_WORDS;
  let count = 0;
  for (let i = 0; i < src.length; i++) if (src.charCodeAt(i) < 97) count++;
  const starts = new Uint32Array(count + 1);
  let bytes = new Uint8Array(src.length * 4);
  let length = 0;
  let n = 0;
  let prevStart = 0;
  for (let i = 0; i < src.length; ) {
    const c = src.charCodeAt(i);
    const shared = c < 58 ? c - 48 : c - 55;
    const start = length;
    if (bytes.length < length + shared + 64) {
      const grown = new Uint8Array(bytes.length * 2);
      grown.set(bytes);
      bytes = grown;
    }
    bytes.copyWithin(length, prevStart, prevStart + shared);
    length += shared;
    for (i++; i < src.length && src.charCodeAt(i) >= 97; i++) bytes[length++] = src.charCodeAt(i);
    starts[n++] = start;
    prevStart = start;
  }
  starts[n] = length;
  let size = 1;
  while (size < count * 2) size <<= 1;
  const slots = new Int32Array(size).fill(-1);
  const mask = size - 1;
  for (let w = 0; w < count; w++) {
    const s = starts[w] as number;
    const wordLength = (starts[w + 1] as number) - s;
    if (wordLength > MAX_LENGTH) throw new Error(`english-words: a ${wordLength}-letter word does not fit a slot`);
    let slot = hashBytes(bytes, s, s + wordLength) & mask;
    while ((slots[slot] as number) >= 0) slot = (slot + 1) & mask;
    slots[slot] = s * (MAX_LENGTH + 1) + wordLength;
  }
  return { bytes, slots, mask };
}

export function isEnglishWord(word: string): boolean {
  return lookUp(word, 0, word.length, false);
}

/**
 * Is `text.slice(start, end)`, lower-cased, an English word? For a span of ASCII letters only (what the
 * language reading scans): A-Z read as a-z in place, so asking costs no copy and no lower-case string.
 */
export function isEnglishAsciiSpan(text: string, start: number, end: number): boolean {
  return lookUp(text, start, end, true);
}

/** Fold A-Z to a-z when asked; any other character is itself. */
const fold = (c: number, lower: boolean): number => (lower && isAsciiUpper(c) ? c + 32 : c);

function lookUp(text: string, start: number, end: number, lower: boolean): boolean {
  table ??= decode();
  const t = table;
  let h = FNV1A_START;
  for (let k = start; k < end; k++) h = fnv1a(h, fold(text.charCodeAt(k), lower));
  const length = end - start;
  let slot = (h >>> 0) & t.mask;
  for (let packed = t.slots[slot] as number; packed >= 0; packed = t.slots[slot] as number) {
    if ((packed & MAX_LENGTH) === length) {
      const s = packed >>> LENGTH_BITS;
      let k = 0;
      while (k < length && t.bytes[s + k] === fold(text.charCodeAt(start + k), lower)) k++;
      if (k === length) return true;
    }
    slot = (slot + 1) & t.mask;
  }
  return false;
}
