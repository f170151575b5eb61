import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { WordPrefixes } from "../../src/facts/word-prefixes.js";

/** The answer the sorted list replaced: a Set of every prefix of every word. */
function prefixSet(words: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const w of words) for (let n = 1; n <= w.length; n++) out.add(w.slice(0, n));
  return out;
}

// A small alphabet, so random strings are often prefixes, often not, and words share beginnings.
const letters = fc.string({ unit: fc.constantFrom("a", "b", "n", "s", "é", "z"), maxLength: 7 });

describe("word prefixes", () => {
  it("answers as a Set of every prefix would, for any words and any string", () => {
    fc.assert(
      fc.property(fc.array(letters, { maxLength: 30 }), fc.array(letters, { maxLength: 30 }), (words, asked) => {
        const prefixes = new WordPrefixes(words);
        const expected = prefixSet(words);
        for (const s of [...asked, ...expected]) expect(prefixes.begins(s), s).toBe(expected.has(s));
      }),
      { numRuns: 300 },
    );
  });

  it("never calls the empty string a beginning, and knows nothing with no words", () => {
    expect(new WordPrefixes(["bean"]).begins("")).toBe(false);
    expect(new WordPrefixes([]).begins("b")).toBe(false);
    expect(new WordPrefixes(["bean", "beaners"]).begins("beane")).toBe(true);
  });
});
