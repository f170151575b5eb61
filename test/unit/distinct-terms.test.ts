import { describe, expect, it } from "vitest";
import { CATEGORY } from "../../src/domain/index.js";
import { distinctTerms } from "../../src/facts/distinct-terms.js";
import type { LexiconMatch } from "../../src/facts/lexicon-matcher.js";

const at = (i: number, term: string, category: string, group?: string, lexicon = "l"): LexiconMatch => ({
  lexicon,
  term,
  category,
  group,
  homonym: false,
  first: i,
  last: i,
  start: i * 6,
  end: i * 6 + 5,
  sentence: 0,
  quoted: false,
});

describe("the distinct terms of a text's matches", () => {
  it("are the first match of each lexicon, term, category and group, in text order", () => {
    // "👩‍👩‍👧 👩‍👩‍👧 …": the same few terms, each in two lexicons, thousands of times.
    const unit = (i: number) => [
      at(i, "woman", CATEGORY.identity, "women"),
      at(i, "woman", CATEGORY.personReference, undefined, "markers"),
      at(i + 1, "girl", CATEGORY.identity, "women"),
    ];
    const matches = Array.from({ length: 1000 }, (_, k) => unit(2 * k)).flat();
    // The same term and category naming another group, late in the text, is a term of its own.
    matches.push(at(5000, "woman", CATEGORY.identity, "trans people"));
    const distinct = distinctTerms(matches);
    expect(distinct).toEqual([matches[0], matches[1], matches[2], matches[matches.length - 1]]);
    expect(distinctTerms(matches)).toBe(distinct);
  });

  it("are the matches themselves for an ordinary text", () => {
    const matches = [
      at(0, "you", CATEGORY.secondPerson),
      at(1, "moron", CATEGORY.insult),
      at(2, "you", CATEGORY.secondPerson),
    ];
    expect(distinctTerms(matches)).toBe(matches);
  });
});
