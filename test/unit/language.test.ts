import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readLanguage } from "../../src/facts/language.js";
import { repoPath } from "../helpers/packs.js";

const cases = parse(readFileSync(repoPath("test/fixtures/language-cases.yaml"), "utf8")) as {
  foreign: Array<{ code: string; text: string }>;
  english: string[];
  short: string[];
};

describe("reading a text's language", () => {
  it.each(cases.foreign)("$code: $text", async ({ code, text }) => {
    expect((await readLanguage(text)).code).toBe(code);
  });
  it.each(cases.english)("never foreign: %s", async (text) => {
    expect((await readLanguage(text)).code ?? "en").toBe("en");
  });
  it.each(cases.short)("too short to tell: %s", async (text) => {
    expect((await readLanguage(text)).code).toBeNull();
  });
  it("words the pack's lexicons matched exactly count as English words", async () => {
    const foreign = "Cállate, puta, nadie te pidió opinión.";
    expect((await readLanguage(foreign)).code).toBe("es");
    expect((await readLanguage(foreign, new Set(["cállate", "puta", "nadie", "te", "pidió"]))).code).toBe("en");
  });
});
