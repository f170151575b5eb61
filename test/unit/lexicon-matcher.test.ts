import { describe, expect, it } from "vitest";
import { computeFacts } from "../../src/facts/compute.js";
import { pack } from "../helpers/packs.js";

const MINIMAL = "test/fixtures/packs/minimal";

async function termsIn(text: string) {
  const { compiled } = await pack(MINIMAL);
  return computeFacts({ content: { text } }, compiled.facts).evidence.map((e) => e.term);
}

describe("lexicon matching", () => {
  it("finds whole words and multi-word terms", async () => {
    expect(await termsIn("you faggot, kill yourself")).toEqual(["you", "faggot", "kill yourself"]);
  });

  it("never matches inside an innocent word", async () => {
    expect(await termsIn("Scunthorpe assassin cockpit grape classic shape Dykes-Smith")).toEqual(["dyke"]);
    expect(await termsIn("Scunthorpe assassin cockpit grapes classic shaped")).toEqual([]);
  });

  it("accepts plural and possessive endings", async () => {
    expect(await termsIn("faggots fags' dykes")).toEqual(["faggot", "fag", "dyke"]);
  });

  it("sees through evasions: leetspeak, separators, zero-width, homoglyphs, repeats", async () => {
    for (const text of ["f4gg0t", "f.a.g.g.o.t", "f a g g o t", "fa\u200Bggot", "fаggоt", "faaaaggggooot", "FAGGOT"]) {
      expect(await termsIn(text), text).toEqual(["faggot"]);
    }
  });

  it("requires a term's own doubled letters, so a near-spelling is not the term", async () => {
    expect(await termsIn("Niger")).toEqual([]);
    expect(await termsIn("niiigger")).toEqual(["nigger"]);
  });

  it("reports each match's span in the original text", async () => {
    const { compiled } = await pack(MINIMAL);
    const text = "Well, Ｆ\u200BＡＧＧＯＴ!";
    const [m] = computeFacts({ content: { text } }, compiled.facts).evidence;
    expect(m?.excerpt).toBe("Ｆ\u200BＡＧＧＯＴ");
    expect(m?.span).toEqual([6, text.length - 1]);
  });
});
