import { CONFUSABLES } from "./confusables.js";

/**
 * Text folded character by character, with a map from every folded UTF-16
 * unit back to the span of the original text it came from. Folding is done
 * per code point (not NFKC over the whole string) precisely so that the map
 * stays exact: a match in folded text can always be shown in the original.
 */
export type Folded = {
  text: string;
  /** The span of the original text that folded text [start, end) came from. */
  toOriginal(start: number, end: number): [number, number];
};

/** Zero-width and bidi controls, soft hyphen, fillers: invisible, and used to split words. (Variation selectors and joiners are marks: stripped with the marks.) */
const INVISIBLE =
  /[\u00AD\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0]/u;
const COMBINING = /\p{M}/gu;

/** Folded code points above ASCII, by code point (no string made to look one up); bounded. */
const cache = new Map<number, string>();
/** ASCII folded: upper case to lower, the rest as it is. */
const ASCII = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c >= 65 && c <= 90 ? c + 32 : c));

/** Fold one code point above ASCII: compatibility decomposition, marks stripped, lower case, look-alikes to Latin. */
function foldCodePoint(code: number): string {
  const cached = cache.get(code);
  if (cached !== undefined) return cached;
  const ch = String.fromCodePoint(code);
  let out = "";
  if (!INVISIBLE.test(ch)) {
    const confusable = CONFUSABLES.get(ch) ?? CONFUSABLES.get(ch.toLowerCase());
    if (confusable) out = confusable;
    else {
      for (const part of ch.normalize("NFKD").replace(COMBINING, "").toLowerCase()) {
        out += CONFUSABLES.get(part) ?? part;
      }
    }
  }
  if (cache.size < 4096) cache.set(code, out);
  return out;
}

/** Most content is ASCII: folding is then lower-casing, and positions do not move. */
const NON_ASCII = /[\u0080-\uffff]/;
/** Shared by every ASCII text: one function, not a closure allocated per call. */
const SAME_SPAN = (start: number, end: number): [number, number] => [start, end];

export function fold(original: string): Folded {
  if (!NON_ASCII.test(original)) return { text: original.toLowerCase(), toOriginal: SAME_SPAN };
  // Where each folded unit came from, in typed arrays grown by doubling: a 64 KiB text of emoji is 40,000 code points.
  let origin: Int32Array = new Int32Array(original.length + 16);
  let originEnd: Int32Array = new Int32Array(original.length + 16);
  let n = 0;
  const parts: string[] = [];
  // Code points that fold to themselves are copied a run at a time (one slice, not a part each): most of a
  // text in another script, every emoji of a text of emoji.
  let verbatim = 0;
  // By code point, as the string iterator would go (a lone surrogate is one code point of one unit).
  for (let i = 0; i < original.length; ) {
    const code = original.codePointAt(i) as number;
    const width = code > 0xffff ? 2 : 1;
    const folded = code < 128 ? (ASCII[code] as string) : foldCodePoint(code);
    if (n + folded.length > origin.length) {
      origin = grown(origin, n + folded.length);
      originEnd = grown(originEnd, n + folded.length);
    }
    // Combining marks that follow a base letter fold to "" and vanish here.
    for (let k = 0; k < folded.length; k++, n++) {
      origin[n] = i;
      originEnd[n] = i + width;
    }
    if (!foldsToItself(original, i, width, folded)) {
      if (verbatim < i) parts.push(original.slice(verbatim, i));
      if (folded !== "") parts.push(folded);
      verbatim = i + width;
    }
    i += width;
  }
  if (verbatim < original.length) parts.push(verbatim === 0 ? original : original.slice(verbatim));
  const at = (array: Int32Array, k: number) => (k >= 0 && k < n ? (array[k] as number) : original.length);
  return {
    text: parts.join(""),
    toOriginal: (start, end) => [at(origin, start), at(originEnd, end - 1)],
  };
}

/** Whether the code point at `i` (`width` units) folded to the same units. */
const foldsToItself = (original: string, i: number, width: number, folded: string) =>
  folded.length === width &&
  folded.charCodeAt(0) === original.charCodeAt(i) &&
  (width === 1 || folded.charCodeAt(1) === original.charCodeAt(i + 1));

function grown(array: Int32Array, least: number): Int32Array {
  const bigger = new Int32Array(Math.max(least, array.length * 2));
  bigger.set(array);
  return bigger;
}
