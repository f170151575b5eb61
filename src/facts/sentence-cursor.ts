import { isAsciiSpace } from "./char-codes.js";

const isEndMark = (c: number) => c === 46 /* . */ || c === 33 /* ! */ || c === 63; /* ? */
const SPACE = /\s/;
/** `/\s/` read by code for ASCII (tab to carriage return, space): "f.a.g" asks after every full stop. */
const isSpaceAt = (text: string, i: number, code: number) =>
  code < 128 ? isAsciiSpace(code) : SPACE.test(text[i] as string);
/** What may follow end marks for a sentence to start: a space or a double quote. */
function opensSentence(text: string, j: number): boolean {
  const after = text.charCodeAt(j);
  return after === 34 /* " */ || isSpaceAt(text, j, after);
}

/**
 * Which sentence an offset is in, asked for offsets in increasing order. A sentence starts after . ! ? followed
 * by a space, a quote or the end, and after ; and newlines: what `/(?<![.!?])[.!?]+(?=\s|"|$)|[;\n]/g` finds,
 * read by char codes (the expression allocated a match per sentence).
 * - A run of . ! ? is tried only from its first mark: from every mark, a 64 KiB run took V8 45 s.
 * - The starts are read as the offsets are asked, not gathered into an array first: a 64 KiB text of newlines
 *   has 65,536 sentences, and growing an array that large cost V8 ~7 ms, 12× what eight arrays of an eighth of
 *   it cost (new large-object pages at every growth), so such a text's work grew faster than its length.
 */
export class SentenceCursor {
  /** Where reading resumes. */
  private at = 0;
  /** The sentence of the offsets asked so far. */
  private sentence = 0;
  /** The next sentence start already read, or -1 when none is (read the text on from `at`). */
  private next = -1;

  constructor(private readonly text: string) {}

  /** The index of the sentence that holds `offset`; never smaller than for the offset asked before. */
  sentenceOf(offset: number): number {
    for (;;) {
      if (this.next < 0) this.next = this.readStart();
      if (this.next < 0 || this.next > offset) return this.sentence;
      this.sentence++;
      this.next = -1;
    }
  }

  /** The next sentence start after `at`, moving `at` past it; -1 at the end of the text. */
  private readStart(): number {
    const { text } = this;
    const n = text.length;
    for (let i = this.at; i < n; i++) {
      const c = text.charCodeAt(i);
      // One exit for both kinds of start, each met on every text with a full stop: code met only for ";" or a
      // newline had no type feedback, and V8's optimised tokenize deoptimised there again and again on the
      // texts that have one.
      let start = -1;
      if (c === 59 /* ; */ || c === 10 /* \n */) start = i + 1;
      else if (isEndMark(c)) {
        let j = i + 1;
        while (j < n && isEndMark(text.charCodeAt(j))) j++;
        // Nothing is read past the end (a read there is another deoptimisation).
        if (j === n || opensSentence(text, j)) start = j;
        i = j - 1;
      }
      if (start >= 0) {
        this.at = start;
        return start;
      }
    }
    this.at = n;
    return -1;
  }
}
