import { isAsciiLetter } from "./char-codes.js";

/**
 * Signs that text carries something a model reads and a person does not see
 * or cannot read, in any language: Unicode tag characters (invisible ASCII),
 * invisible characters or a second look-alike script inside a word, runs of
 * variation selectors (bytes smuggled after a character), and encoded runs
 * (base64, hex, percent, escapes, binary) that decode to text. Legitimate uses
 * are exempted where they are common: tag sequences of subdivision flags,
 * joiners in emoji and in scripts that need them, ids and hashes that do not
 * decode to text.
 */

/** 🏴 + tag letters + cancel tag: the only standard use of tag characters (England, Scotland, Wales flags). */
const FLAG_TAGS = /\u{1F3F4}[\u{E0030}-\u{E0039}\u{E0061}-\u{E007A}]{2,7}\u{E007F}/gu;
const TAG = /[\u{E0000}-\u{E007F}]/u;
/**
 * Look-alike scripts, and the mathematical alphanumerics (𝐚, 𝒶) that imitate
 * Latin: a word mixing two of these is disguised ("a Cyrillic а in a Latin word").
 */
const LOOKALIKE =
  /^(?:(\p{Script=Latin})|(\p{Script=Cyrillic})|(\p{Script=Greek})|(\p{Script=Armenian})|(\p{Script=Cherokee})|([\u{1D400}-\u{1D7FF}]))$/u;
/** Invisible in every script: zero-width space, word joiner, invisible operators, BOM, soft hyphen, fillers, CGJ. */
const INVISIBLE = "\\u00AD\\u034F\\u115F\\u1160\\u180E\\u200B\\u2060-\\u2064\\u3164\\uFEFF\\uFFA0";
const INVISIBLE_IN_WORD = new RegExp(`\\p{L}[${INVISIBLE}]+\\p{L}`, "u");
/**
 * Any invisible character at all, asked first: without the \p{L} classes (astral ranges tried at every
 * position), a 64 KiB text of emoji is scanned in 0.05 ms instead of 3 ms, and most text has none.
 */
const ANY_INVISIBLE = new RegExp(`[${INVISIBLE}]`);
/** Joiners are needed in Arabic, Indic and emoji sequences; between two look-alike-script letters they only hide. */
const JOINER_IN_WORD =
  /[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}][\u200C\u200D]+[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]/u;
const OVERRIDE = /[\u202D\u202E]/u;
const SELECTOR_RUN =
  /[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]{2,}|[\p{Script=Latin}\p{Script=Cyrillic}][\u{E0100}-\u{E01EF}]/u;
/** A letter or mark: what a word is made of. */
const LETTER_OR_MARK = /^[\p{L}\p{M}]$/u;
/** Anything beyond printable ASCII: only such text can hide characters or mix scripts. */
const NON_ASCII = /[^ -~\t\n\r]/;

/** Which look-alike script a character belongs to (-1 for none), cached: this runs on every request's words. */
const scriptCache = new Map<string, number>();
function lookalikeScript(ch: string): number {
  let script = scriptCache.get(ch);
  if (script === undefined) {
    const m = LOOKALIKE.exec(ch);
    script = m ? m.findIndex((g, i) => i > 0 && g !== undefined) : -1;
    if (scriptCache.size < 8192) scriptCache.set(ch, script);
  }
  return script;
}

/** LOOKALIKE's first group: what an ASCII letter reads as. */
const LATIN = 1;
/** Not a letter or mark: a word ends there. */
const OUTSIDE_WORD = -2;
/** Per code point above ASCII: OUTSIDE_WORD, or its look-alike script (-1 for none); bounded. */
const wordScriptCache = new Map<number, number>();
function wordScript(code: number): number {
  if (code < 128) return isAsciiLetter(code) ? LATIN : OUTSIDE_WORD;
  let script = wordScriptCache.get(code);
  if (script === undefined) {
    const ch = String.fromCodePoint(code);
    script = LETTER_OR_MARK.test(ch) ? lookalikeScript(ch) : OUTSIDE_WORD;
    if (wordScriptCache.size < 8192) wordScriptCache.set(code, script);
  }
  return script;
}

/**
 * Whether a word (a run of letters and marks) mixes two look-alike scripts. Read by code point with each
 * one's class remembered, not with `/[\p{L}\p{M}]{2,}/gu`: V8 tries that class's astral ranges at every
 * position, 3.4 ms for a 64 KiB text of emoji. A word that mixes scripts is never all ASCII.
 */
function hasMixedScriptWord(text: string): boolean {
  let seen = -1;
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i) as number;
    i += code > 0xffff ? 2 : 1;
    const script = wordScript(code);
    if (script === OUTSIDE_WORD) seen = -1;
    else if (script >= 0) {
      if (seen >= 0 && script !== seen) return true;
      seen = script;
    }
  }
  return false;
}

/** Whether bytes are readable text: valid UTF-8, mostly letters, digits, punctuation and spaces. */
const UTF8 = new TextDecoder("utf-8", { fatal: true });
function readable(bytes: Uint8Array): boolean {
  if (bytes.length < 8) return false;
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return false;
  }
  const chars = [...text];
  const plain = chars.filter((c) => /[\p{L}\p{N}\p{P}\p{Zs}\n]/u.test(c)).length;
  return plain / chars.length >= 0.9 && /\p{L}{2}/u.test(text);
}

/** Base64 (standard or URL-safe) decoded from `offset`, so a run glued to a word still decodes. */
const fromBase64 = (run: string, offset: number): Uint8Array | null => {
  let s = run.slice(offset).replace(/=+$/, "").replace(/-/g, "+").replace(/_/g, "/");
  if (s.length % 4 === 1) s = s.slice(0, -1);
  try {
    return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
};
const fromHex = (run: string): Uint8Array => {
  const digits = run.replace(/[^0-9a-f]/gi, "");
  return Uint8Array.from({ length: digits.length >> 1 }, (_, i) => Number.parseInt(digits.slice(2 * i, 2 * i + 2), 16));
};

/** A run of base64 (standard or URL-safe) characters; hex digits are a subset, so one scan finds both. */
const ENCODED_RUN = /[A-Za-z0-9+/_-]{16,}={0,2}/g;
const HEX = /^[0-9a-f]+$/i;
/** Hex bytes written with separators ("72 65 63 6c …"). */
const SPACED_HEX = /\b[0-9a-f]{2}(?:[\s:][0-9a-f]{2}){7,}\b/gi;
/** Forms no one writes by hand for a reader: percent-encoding, \x or \u escapes, and bytes in binary. */
const ESCAPED_RUN = /(?:%[0-9a-f]{2}){6,}|(?:\\x[0-9a-f]{2}){4,}|(?:\\u[0-9a-f]{4}){4,}|(?:[01]{8}\s?){6,}/i;

/** Base64 of any text of 12 bytes or more mixes upper and lower case; words, paths and dates do not. */
const mixedCase = (run: string) => /[a-z]/.test(run) && /[A-Z]/.test(run);

function decodesToText(run: string): boolean {
  if (HEX.test(run)) return run.length % 2 === 0 && readable(fromHex(run));
  if (!mixedCase(run)) return false;
  for (let offset = 0; offset < 4; offset++) {
    const bytes = fromBase64(run, offset);
    if (bytes && readable(bytes)) return true;
  }
  return false;
}

/** ENCODED_RUN's least length, and its class `[A-Za-z0-9+/_-]` by char code. */
const MIN_ENCODED_RUN = 16;
const isEncodedCode = (c: number) => isAsciiLetter(c) || (c >= 47 && c <= 57) || c === 43 || c === 45 || c === 95;
/** Whether ENCODED_RUN can match at all: 16 of its characters in a row, counted by char code. */
function hasLongRun(text: string): boolean {
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if (!isEncodedCode(text.charCodeAt(i))) run = 0;
    else if (++run === MIN_ENCODED_RUN) return true;
  }
  return false;
}

function hasEncodedRun(text: string): boolean {
  if (ESCAPED_RUN.test(text)) return true;
  // V8 tries ENCODED_RUN from every position of every word; most text has no run of 16 to find.
  if (hasLongRun(text)) for (const [run] of text.matchAll(ENCODED_RUN)) if (decodesToText(run)) return true;
  for (const [run] of text.matchAll(SPACED_HEX)) if (readable(fromHex(run))) return true;
  return false;
}

/** The names of the hidden-text signals the text shows; empty for ordinary writing. */
export function hiddenTextSignals(text: string): string[] {
  const found: string[] = [];
  if (NON_ASCII.test(text)) {
    if (TAG.test(text.replace(FLAG_TAGS, ""))) found.push("unicode tag characters");
    if ((ANY_INVISIBLE.test(text) && INVISIBLE_IN_WORD.test(text)) || JOINER_IN_WORD.test(text) || OVERRIDE.test(text))
      found.push("invisible characters inside a word");
    if (SELECTOR_RUN.test(text)) found.push("variation-selector run");
    if (hasMixedScriptWord(text)) found.push("mixed scripts inside a word");
  }
  if (hasEncodedRun(text)) found.push("encoded run");
  return found;
}
