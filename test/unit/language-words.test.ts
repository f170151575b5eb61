import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { countAsciiInPlace, countDistinctWords, countWords } from "../../src/facts/language-words.js";
import { repoPath } from "../helpers/packs.js";

/**
 * The language reading counts an ASCII text's words in place (no regular expression, copy or Map): its counts,
 * and so the language every text is read as, must be those of the regular reading of `\p{L}+` words.
 */
const jsonl = (path: string) =>
  readFileSync(repoPath(path), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { text: string }).text);
const cases = parse(readFileSync(repoPath("test/fixtures/language-cases.yaml"), "utf8")) as {
  foreign: Array<{ text: string }>;
  english: string[];
  short: string[];
};
const texts = [
  ...jsonl("bench/corpus.jsonl"),
  ...jsonl("bench/language-foreign.jsonl"),
  ...["evasion", "hateful", "non-hateful"].flatMap((f) => jsonl(`test/fixtures/functional/${f}.jsonl`)),
  ...cases.foreign.map((c) => c.text),
  ...cases.english,
  ...cases.short,
  // The edges of a word in ASCII: case at the start, one letter, letters against digits, marks and the end.
  "I A Ab aB AB ab x9y _z_ it's DON'T Hello-world",
  "",
];
const none: ReadonlySet<string> = new Set();

describe("counting a text's words for its language", () => {
  it("counts every text as the regular reading does", () => {
    expect(texts.length).toBeGreaterThan(13000);
    for (const text of texts) expect(countWords(text, none), text).toEqual(countDistinctWords(text, none));
  });

  it("reads most of them in place, and leaves non-ASCII text to the regular reading", () => {
    const inPlace = texts.filter((text) => countAsciiInPlace(text, none) !== null).length;
    expect(inPlace / texts.length).toBeGreaterThan(0.5);
    expect(countAsciiInPlace("Merci, c'était délicieux", none)).toBeNull();
  });

  it("counts the pack's exact lexicon hits as English, whatever their case in the text", () => {
    const hits = new Set(["kys", "gtfo", "putain"]);
    for (const text of ["KYS gtfo Kys putain merde alors", "gtfo gtfo zzzq"]) {
      expect(countWords(text, hits), text).toEqual(countDistinctWords(text, hits));
    }
    expect(countWords("gtfo putain zzqx", hits).english).toBe(2);
  });
});
