import { ENGLISH_WORDS } from "./generated/english-words.js";

/**
 * The real-word guard: is a token an English word? Typo tolerance, derived
 * forms and segmentation only ever rewrite tokens that are NOT words, so
 * "bigger" never reads as a slur one letter away and "therapist" is never
 * split. The list (an-array-of-english-words, ~275,000 words) is decoded on
 * first use into bytes and an open-addressing hash table of offsets: no
 * string per word, so it builds in milliseconds and a lookup allocates nothing
 * (a Set of 275,000 strings costs a cold start ten times as long).
 */
type Table = { bytes: Uint8Array; starts: Uint32Array; slots: Int32Array; mask: number };
let table: Table | null = null;

/** FNV-1a over a word's letters, from the decoded bytes or from a string (the same value for the same word). */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let k = start; k < end; k++) h = Math.imul(h ^ (bytes[k] as number), 0x01000193);
  return h >>> 0;
}
function hashString(word: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < word.length; k++) h = Math.imul(h ^ word.charCodeAt(k), 0x01000193);
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
    let slot = hashBytes(bytes, s, starts[w + 1] as number) & mask;
    while ((slots[slot] as number) >= 0) slot = (slot + 1) & mask;
    slots[slot] = w;
  }
  return { bytes, starts, slots, mask };
}

export function isEnglishWord(word: string): boolean {
  table ??= decode();
  const t = table;
  let slot = hashString(word) & t.mask;
  for (let w = t.slots[slot] as number; w >= 0; w = t.slots[slot] as number) {
    const s = t.starts[w] as number;
    if ((t.starts[w + 1] as number) - s === word.length) {
      let k = 0;
      while (k < word.length && t.bytes[s + k] === word.charCodeAt(k)) k++;
      if (k === word.length) return true;
    }
    slot = (slot + 1) & t.mask;
  }
  return false;
}
