import { isAsciiSpace } from "./char-codes.js";

/**
 * Cheap necessary conditions for hidden-text.ts's escape expressions, read by char code: ordinary writing has
 * none, and only a text that passes runs the expression. V8 tries each expression from every position of
 * the text (and `matchAll` makes an iterator and a match per run), on every text that could engage a norm.
 * Each condition holds wherever its expression matches, so the expressions' answers are unchanged.
 */

/** Hex bytes written with separators ("72 65 63 6c …"). */
export const SPACED_HEX = /\b[0-9a-f]{2}(?:[\s:][0-9a-f]{2}){7,}\b/gi;
/** Forms no one writes by hand for a reader: percent-encoding, \x or \u escapes, and bytes in binary. */
export const ESCAPED_RUN = /(?:%[0-9a-f]{2}){6,}|(?:\\x[0-9a-f]{2}){4,}|(?:\\u[0-9a-f]{4}){4,}|(?:[01]{8}\s?){6,}/i;

const isHexCode = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
const isBitCode = (c: number) => c === 48 || c === 49;
/** `[\s:]`: ASCII white space or ":"; anything non-ASCII may be a Unicode space. */
const isHexSeparator = (c: number) => c === 58 || c >= 128 || isAsciiSpace(c);

/** ESCAPED_RUN (`%xx`×6, `\xNN`×4, `\uNNNN`×4, 8 bits ×6) needs a "%", a backslash, or eight bits in a row. */
export function mayHaveEscapedRun(text: string): boolean {
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 37 /* % */ || c === 92 /* \ */) return true;
    bits = isBitCode(c) ? bits + 1 : 0;
    if (bits === 8) return true;
  }
  return false;
}

/** The most separated pairs SPACED_HEX needs after its first pair (`[0-9a-f]{2}(?:[\s:][0-9a-f]{2}){7,}`). */
const MORE_PAIRS = 7;

/** SPACED_HEX needs two hex digits followed by seven times a separator and two hex digits. */
export function mayHaveSpacedHex(text: string): boolean {
  const at = (k: number) => text.charCodeAt(k); // NaN past the end: no hex digit, no separator
  for (let i = 0; i + 1 < text.length; i++) {
    if (!isHexCode(at(i)) || !isHexCode(at(i + 1))) continue;
    let pairs = 0;
    for (
      let j = i + 2;
      pairs < MORE_PAIRS && isHexSeparator(at(j)) && isHexCode(at(j + 1)) && isHexCode(at(j + 2));
      j += 3
    )
      pairs++;
    if (pairs === MORE_PAIRS) return true;
  }
  return false;
}
