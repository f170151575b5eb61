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

const cache = new Map<string, string>();

/** Fold one code point: compatibility decomposition, marks stripped, lower case, look-alikes to Latin. */
function foldCodePoint(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 128) return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch;
  const cached = cache.get(ch);
  if (cached !== undefined) return cached;
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
  if (cache.size < 4096) cache.set(ch, out);
  return out;
}

/** Most content is ASCII: folding is then lower-casing, and positions do not move. */
const NON_ASCII = /[\u0080-\uffff]/;
/** Shared by every ASCII text: one function, not a closure allocated per call. */
const SAME_SPAN = (start: number, end: number): [number, number] => [start, end];

export function fold(original: string): Folded {
  if (!NON_ASCII.test(original)) return { text: original.toLowerCase(), toOriginal: SAME_SPAN };
  const parts: string[] = [];
  const origin: number[] = [];
  const originEnd: number[] = [];
  let i = 0;
  for (const ch of original) {
    const folded = foldCodePoint(ch);
    // Combining marks that follow a base letter fold to "" and vanish here.
    for (let k = 0; k < folded.length; k++) {
      origin.push(i);
      originEnd.push(i + ch.length);
    }
    parts.push(folded);
    i += ch.length;
  }
  return {
    text: parts.join(""),
    toOriginal: (start, end) => [origin[start] ?? original.length, originEnd[end - 1] ?? original.length],
  };
}
