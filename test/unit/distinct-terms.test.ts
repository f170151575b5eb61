import { describe, expect, it } from "vitest";
import { CATEGORY } from "../../src/domain/index.js";
import { distinctTerms } from "../../src/facts/distinct-terms.js";
import { fold } from "../../src/facts/fold.js";
import type { LexiconMatch } from "../../src/facts/lexicon-matcher.js";
import { tokenize } from "../../src/facts/tokenize.js";
import { pack } from "../helpers/packs.js";

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

  it("gathered by the matcher as it matches are those a walk over its matches finds, text after text", async () => {
    const { matcher } = (await pack("norms/default")).compiled.facts;
    const texts = [
      "you moron, ".repeat(40) + "gay people are vermin. 👩🏽‍👩‍👧 ".repeat(30),
      // The terms of the text before, in another order: none is taken for already seen.
      "👩🏽‍👩‍👧 gay people are vermin. ".repeat(30) + "you moron, f.a.g ".repeat(40),
      "👩‍👩‍👧 ".repeat(100),
    ];
    for (const text of texts) {
      const matches = matcher.match(matcher.prepare(tokenize(fold(text).text)));
      expect(matches.length).toBeGreaterThan(64);
      // A copy is not one the matcher saw: its distinct terms are found by walking it.
      expect(distinctTerms(matches)).toEqual(distinctTerms([...matches]));
    }
  });
});
