import { describe, expect, it } from "vitest";
import { fold } from "../../src/facts/fold.js";
import { runLengths, tokenize } from "../../src/facts/tokenize.js";

const skeletons = (text: string) => tokenize(fold(text).text).map((t) => t.skel);

describe("normalisation", () => {
  it("folds case, accents, fullwidth and mathematical letters", () => {
    expect(fold("ÉCOLE Ｆｕｌｌ 𝐁𝐨𝐥𝐝 naïve").text).toBe("ecole full bold naive");
  });

  it("folds Cyrillic and Greek look-alikes to Latin", () => {
    // "асе" is Cyrillic а, с, е; "ΤΟΡ" is Greek Τ, Ο, Ρ.
    expect(fold("асе ΤΟΡ").text).toBe("ace top");
  });

  it("removes zero-width and bidi controls, which would otherwise split a word", () => {
    expect(fold("ab\u200Bc\u200Dd\u202Ee\uFEFFf").text).toBe("abcdef");
  });

  it("undoes leetspeak inside words but leaves numbers alone", () => {
    expect(skeletons("h3ll0 w0rld $ick sh!t 2024 call 555-0100")).toEqual([
      "helo",
      "world",
      "sick",
      "shit",
      "2024",
      "cal",
      "5",
      "010",
    ]);
  });

  it("keeps trailing punctuation out of words", () => {
    expect(skeletons("idiot! really?")).toEqual(["idiot", "realy"]);
  });

  it("joins letters spread out with separators", () => {
    expect(skeletons("f.a.g and n i g g e r and b-a-d")).toEqual(["fag", "and", "niger", "and", "bad"]);
  });

  it("squeezes repeated letters and remembers the run lengths", () => {
    const [t] = tokenize(fold("niiiiggggger").text);
    expect(t?.skel).toBe("niger");
    expect(runLengths(t?.flat ?? "")).toEqual([1, 4, 5, 1, 1]);
  });

  it("drops apostrophes inside words", () => {
    expect(skeletons("don't you're I’m")).toEqual(["dont", "youre", "im"]);
  });

  it("marks quoted words, including single quotes, but not apostrophes", () => {
    const tokens = tokenize(fold(`he said "go away" and 'leave' but it's James' car`).text);
    expect(tokens.filter((t) => t.quoted).map((t) => t.skel)).toEqual(["go", "away", "leave"]);
  });

  it("numbers sentences", () => {
    expect(tokenize(fold("One. Two! Three? four; five\nsix").text).map((t) => t.sentence)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("maps every folded character back to its span in the original", () => {
    const original = "Ｎ\u200Bé𝐁x";
    const f = fold(original);
    expect(f.text).toBe("nebx");
    const spans = Array.from(f.text, (_c, i) => original.slice(...f.toOriginal(i, i + 1)));
    expect(spans).toEqual(["Ｎ", "é", "𝐁", "x"]);
  });
});
