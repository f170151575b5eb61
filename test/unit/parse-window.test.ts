import { describe, expect, it } from "vitest";
import { PARSE_BUDGET, parseWindow } from "../../src/facts/sentence/parse-window.js";
import type { SpannedMatch } from "../../src/facts/sentence/units.js";

const hit = (index: number, span: [number, number]): SpannedMatch => ({
  index,
  term: "x",
  category: "slur",
  homonym: false,
  quoted: false,
  span,
});

/** Every occurrence of `word` in `text` as a match. */
const hitsOf = (text: string, word: string) =>
  [...text.matchAll(new RegExp(word, "g"))].map((m, i) => hit(i, [m.index, m.index + word.length]));

describe("the sentence layer's parse window", () => {
  it("leaves a message up to the budget whole", () => {
    const text = "they are vermin. ".repeat(10);
    const matches = hitsOf(text, "vermin");
    expect(parseWindow(text, matches)).toEqual({ text, matches });
  });

  it("keeps the offsets of a long text and blanks what lies outside the windows", () => {
    const text = `${"lorem ipsum ".repeat(2000)}they are vermin.${" dolor sit".repeat(2000)}`;
    const matches = hitsOf(text, "vermin");
    const window = parseWindow(text, matches);
    expect(window.text.length).toBe(text.length);
    expect(window.matches).toEqual(matches);
    const [s, e] = (matches[0] as SpannedMatch).span;
    expect(window.text.slice(s - 9, e + 1)).toBe("they are vermin.");
    expect(window.text.trim().length).toBeLessThan(PARSE_BUDGET);
    expect(window.text.trim().length).toBeGreaterThan(200);
  });

  it("takes only the first hits of a text dense with them, within the budget", () => {
    const text = "gay people are vermin. ".repeat(2849);
    const matches = hitsOf(text, "vermin");
    const window = parseWindow(text, matches);
    expect(window.matches.length).toBeGreaterThan(0);
    expect(window.matches.length).toBeLessThanOrEqual(48);
    expect(window.matches[0]).toBe(matches[0]);
    expect(window.text.replace(/ +/g, " ").length).toBeLessThanOrEqual(PARSE_BUDGET + 2 * 240);
  });
});
