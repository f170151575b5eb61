import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { emojiWords } from "../../src/facts/emoji.js";
import { isEnglishWord } from "../../src/facts/english-words.js";
import { emojiNames, frontCode, personNouns } from "../../src/facts/generated/encode.js";
import { ENGLISH_WORDS } from "../../src/facts/generated/english-words.js";
import { isPersonNoun } from "../../src/facts/person-nouns.js";
import { repoPath } from "../helpers/packs.js";

describe("the lexical layer's generated data", () => {
  it("is what `npm run facts:data` makes from the installed packages (rerun it after upgrading them)", async () => {
    expect(ENGLISH_WORDS === (await frontCode())).toBe(true);
    const committed = JSON.parse(readFileSync(repoPath("src/facts/generated/emoji-names.json"), "utf8"));
    expect(committed).toEqual(await emojiNames());
    const nouns = JSON.parse(readFileSync(repoPath("src/facts/generated/person-nouns.json"), "utf8"));
    expect(nouns).toEqual(await personNouns());
  });

  it("knows nouns that name people, and leaves out things and software roles", () => {
    for (const w of ["referee", "landlord", "teacher", "neighbour", "umpire", "Mayor"])
      expect(isPersonNoun(w), w).toBe(true);
    for (const w of ["exam", "bill", "server", "worker", "family", "process"]) expect(isPersonNoun(w), w).toBe(false);
  });

  it("decodes to the English word list: words in, non-words and slur evasions out", () => {
    for (const w of ["a", "bigger", "therapist", "niggle", "zyzzyvas", "gays"]) expect(isEnglishWord(w), w).toBe(true);
    for (const w of ["", "b", "femboy", "niggr", "ihate", "killallgays", "zyzzyvass"])
      expect(isEnglishWord(w), w).toBe(false);
  });

  it("names emoji that stand for things, and leaves faces (tone) out", () => {
    const words = (ch: string) => emojiWords(ch.codePointAt(0) as number);
    expect(words("🔪")).toEqual(["kitchen", "knife"]);
    expect(words("🐀")).toEqual(["rat"]);
    expect(words("😂")).toBeUndefined();
    expect(words("🙈")).toBeUndefined();
    expect(words("a")).toBeUndefined();
  });
});
