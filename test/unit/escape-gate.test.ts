import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ESCAPED_RUN, mayHaveEscapedRun, mayHaveSpacedHex, SPACED_HEX } from "../../src/facts/escape-gate.js";

/** Pieces of escapes and hex runs, near misses among them, and ordinary words and spaces. */
const text = fc.string({
  unit: fc.constantFrom(
    ..."0123456789abcdefABCDEFxuz%\\: \t\n\u00a0\u2003é".split(""),
    "%2f",
    "\\x41",
    "\\u0041",
    "01100001",
    "72 ",
    "6c:",
    "hello ",
  ),
  maxLength: 60,
});
const matches = (re: RegExp, t: string) => new RegExp(re.source, re.flags.replace("g", "")).test(t);

describe("the char-code gates of the escape expressions", () => {
  it("pass every text the expressions match", () => {
    fc.assert(
      fc.property(text, (t) => {
        if (matches(ESCAPED_RUN, t)) expect(mayHaveEscapedRun(t)).toBe(true);
        if (matches(SPACED_HEX, t)) expect(mayHaveSpacedHex(t)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it("stop ordinary writing, and pass the escapes people paste", () => {
    const plain = "Honestly, the 10 of us met at 8:30 and it was fine: no drama at all.";
    expect(mayHaveEscapedRun(plain)).toBe(false);
    expect(mayHaveSpacedHex(plain)).toBe(false);
    expect(mayHaveEscapedRun("%68%61%74%65%20%79")).toBe(true);
    expect(mayHaveEscapedRun("01101000 01100001")).toBe(true);
    expect(mayHaveSpacedHex("68 61 74 65 20 79 6f 75")).toBe(true);
    expect(mayHaveSpacedHex("68:61:74:65:20:79:6f")).toBe(false);
  });
});
