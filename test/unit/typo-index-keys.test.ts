import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { squeeze } from "../../src/facts/tokenize.js";
import { oneEdit, TypoIndex } from "../../src/facts/typo-index.js";

/**
 * The index files words under their deletions' hashes, not the deletions themselves: its answers must be those
 * of the definition, read by brute force over the words in indexing order (first a word the token is a deletion
 * of, then, deletion by deletion of the token, the deletion itself or a word of its length one edit away).
 */
const deletionsOf = (w: string) =>
  Array.from({ length: w.length - 1 }, (_, i) => squeeze(w.slice(0, i + 1) + w.slice(i + 2)));

function byDefinition(words: readonly string[], token: string): string | undefined {
  const indexed = [...new Set(words.filter((w) => w.length >= 4))];
  const longest = Math.max(0, ...indexed.map((w) => w.length + 2));
  if (token.length < 4 || token.length > longest) return undefined;
  const lacking = indexed.find((w) => deletionsOf(w).includes(token));
  if (lacking !== undefined) return lacking;
  for (const d of deletionsOf(token)) {
    if (indexed.includes(d)) return d;
    const w = indexed.find((w) => deletionsOf(w).includes(d) && w.length === token.length && oneEdit(token, w));
    if (w !== undefined) return w;
  }
  return undefined;
}

// Skeletons over a small alphabet, so words crowd each other's one-edit neighbourhoods.
const skeleton = fc
  .string({ unit: fc.constantFrom("a", "e", "n", "g", "r", "s"), minLength: 4, maxLength: 9 })
  .map(squeeze);

describe("typo index keyed by deletion hashes", () => {
  it("answers every token as the definition does", () => {
    fc.assert(
      fc.property(fc.array(skeleton, { maxLength: 40 }), fc.array(skeleton, { maxLength: 40 }), (words, tokens) => {
        const index = new TypoIndex(words);
        for (const token of [...tokens, ...words, ...words.flatMap(deletionsOf)])
          expect(index.nearest(token), token).toBe(byDefinition(words, token));
      }),
      { numRuns: 300 },
    );
  });
});
