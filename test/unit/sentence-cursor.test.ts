import { describe, expect, it } from "vitest";
import { SentenceCursor } from "../../src/facts/sentence-cursor.js";

/** The expression the cursor reads by char codes: where each sentence after the first starts. */
const STARTS = /(?<![.!?])[.!?]+(?=\s|"|$)|[;\n]/g;
const expectedSentence = (text: string, offset: number) =>
  [...text.matchAll(STARTS)].filter((m) => m.index + m[0].length <= offset).length;

/** A small seeded generator, so a failure names a text that can be run again. */
function* texts(count: number, seed: number): Generator<string> {
  const alphabet = ["a", "b", ".", "!", "?", ";", "\n", " ", '"', "\u00a0", "x"];
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state;
  };
  for (let k = 0; k < count; k++)
    yield Array.from({ length: 1 + (next() % 24) }, () => alphabet[next() % alphabet.length]).join("");
}

describe("SentenceCursor", () => {
  it("numbers the sentences of offsets asked in order as the expression it replaces does", () => {
    for (const text of texts(3000, 7)) {
      const cursor = new SentenceCursor(text);
      for (let offset = 0; offset < text.length; offset++)
        expect(cursor.sentenceOf(offset), `${JSON.stringify(text)} at ${offset}`).toBe(expectedSentence(text, offset));
    }
  });

  it("skips offsets without losing count: several starts between two asks, a run of marks, marks inside words", () => {
    const text = 'One.\n\n;Two... "Three"? e.g.x 3.5 four!';
    const cursor = new SentenceCursor(text);
    const at = (word: string) => cursor.sentenceOf(text.indexOf(word));
    // "." then two newlines and ";": four starts before "Two"; "..." is one; "e.g.x" and "3.5" none.
    expect([at("One"), at("Two"), at("Three"), at("e.g"), at("3.5"), at("four")]).toEqual([0, 4, 5, 6, 6, 6]);
  });

  it("reads a 64 KiB text of newlines to its one word without losing count", () => {
    const text = `${"\n".repeat(65_535)}x`;
    expect(new SentenceCursor(text).sentenceOf(65_535)).toBe(65_535);
  });
});
