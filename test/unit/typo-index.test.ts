import { describe, expect, it } from "vitest";
import { segment } from "../../src/facts/segment.js";
import { oneEdit, TypoIndex } from "../../src/facts/typo-index.js";

describe("one-edit typo lookup", () => {
  const index = new TypoIndex(["fagot", "niger", "kike", "trany"]);

  it("reads a deleted, inserted or swapped letter, and a vowel for a vowel", () => {
    expect(index.nearest("fagt")).toBe("fagot");
    expect(index.nearest("fagiot")).toBe("fagot");
    expect(index.nearest("nigbger")).toBe("niger");
    expect(index.nearest("fagto")).toBe("fagot");
    expect(index.nearest("fagut")).toBe("fagot");
    expect(index.nearest("treny")).toBe("trany");
  });

  it("does not read a changed consonant, a changed first letter, or words under four letters", () => {
    expect(index.nearest("nigel")).toBeUndefined();
    expect(index.nearest("biger")).toBeUndefined();
    expect(index.nearest("bike")).toBeUndefined();
    expect(index.nearest("fag")).toBeUndefined();
  });

  it("agrees with oneEdit in both directions", () => {
    expect(oneEdit("fagot", "fagto")).toBe(true);
    expect(oneEdit("fagto", "fagot")).toBe(true);
    expect(oneEdit("niger", "nigel")).toBe(false);
    expect(oneEdit("fagot", "fagot")).toBe(false);
  });
});

describe("glued-word segmentation", () => {
  const lexicon = new Set(["i", "hate", "kill", "all", "gay", "gays", "tinker"]);
  const marked = new Set(["hate", "kill"]);
  const english = new Set(["i", "hate", "kill", "all", "gays", "look", "tinker", "bell", "fat"]);
  const vocab = {
    lexicon: (p: string) => lexicon.has(p),
    headword: (p: string) => lexicon.has(p),
    marked: (p: string) => marked.has(p),
    english: (p: string) => english.has(p),
  };
  const pieces = (w: string) => segment(w, vocab)?.map(([s, e]) => w.slice(s, e)) ?? null;

  it("splits into the fewest words when one of them is flagged content", () => {
    expect(pieces("ihate")).toEqual(["i", "hate"]);
    expect(pieces("killallgays")).toEqual(["kill", "all", "gays"]);
  });

  it("leaves names, typos and innocent compounds whole", () => {
    expect(pieces("fatima")).toBeNull();
    expect(pieces("looknig")).toBeNull();
    expect(pieces("tinkerbell")).toBeNull();
  });
  it("answers a skeleton too long to be one edit from any word without reading its deletions", () => {
    const index = new TypoIndex(["fagot", "niger"]);
    // Two letters longer than the longest word is the most one edit can reach ("nigbger" squeezes to "niger").
    expect(index.nearest("nigbger")).toBe("niger");
    // Reading all 4,000 deletions of 4,000 letters was 16 million characters: 9 s on one request.
    expect(index.nearest("ai".repeat(2_000))).toBeUndefined();
  });
});
