import { readFile } from "node:fs/promises";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { type Gate, gateOf, mayMatch } from "../../src/facts/pattern-gate.js";
import { MAX_GATED, openPatterns, patternGates } from "../../src/facts/pattern-gates.js";
import { compilePattern, PatternSet } from "../../src/facts/pattern-set.js";
import { pack, repoPath } from "../helpers/packs.js";

type Linear = Array<{ regex: string; matches: string[]; misses: string[] }>;
const bombs: { linear: Linear } = parse(await readFile(repoPath("test/fixtures/pattern-bombs.yaml"), "utf8"));
const packPatterns = (await pack("norms/default")).pack.patterns;
const patterns = [
  ...packPatterns.map((p) => ({ regex: p.regex, flags: p.flags ?? "u", texts: [] as string[] })),
  ...bombs.linear.map((b) => ({ regex: b.regex, flags: "u", texts: [...b.matches, ...b.misses] })),
];
/** Letters, digits, the punctuation patterns look for, white space and non-ASCII: texts near and far from a match. */
const text = fc.string({
  unit: fc.constantFrom(
    ..."abcomwt.:/@-_0123456789 \n$£é€😀"
      .split("")
      .concat(["www.", "http://", ".com", "@a.io", ". ", "1.", "a:", "(5"]),
  ),
  maxLength: 40,
});
/** Any printable ASCII: pairs of characters the units above never put side by side. */
const ascii = fc.string({ unit: fc.integer({ min: 32, max: 126 }).map((c) => String.fromCharCode(c)), maxLength: 30 });

describe("the required-character gate of norm patterns", () => {
  it.each(patterns)("never skips a text that $regex matches", ({ regex, flags, texts }) => {
    const re = compilePattern(regex, flags);
    const gate = gateOf(re);
    for (const t of texts) if (re.test(t)) expect(gate === null || mayMatch(gate, t)).toBe(true);
    fc.assert(fc.property(text, (t) => !re.test(t) || gate === null || mayMatch(gate, t)));
    fc.assert(fc.property(ascii, (t) => !re.test(t) || gate === null || mayMatch(gate, t)));
  });

  it("lets the default pack's patterns skip ordinary chat, which has no digit, '.' or ':'", () => {
    const combined = gateOf(compilePattern(packPatterns.map((p) => `(?:${p.regex})`).join("|"), "u"));
    expect(combined).not.toBeNull();
    const gate = combined as Gate;
    const chars = [...gate.chars].flatMap((on, c) => (on ? [String.fromCharCode(c)] : []));
    expect(chars.join("")).not.toMatch(/[a-z\s,!?'"]/i);
    expect(mayMatch(gate, "honestly, who's up for pizza tonight?!")).toBe(false);
    expect(mayMatch(gate, "honestly, who's up for pizza at 8?")).toBe(true);
  });

  it("skips text whose full stops end sentences, and runs on a full stop inside an address", () => {
    const gate = gateOf(compilePattern(packPatterns.map((p) => `(?:${p.regex})`).join("|"), "u")) as Gate;
    expect(mayMatch(gate, "No. I said no. Leave it.")).toBe(false);
    expect(mayMatch(gate, "see example.com")).toBe(true);
    expect(mayMatch(gate, "mail me: jo@example.org")).toBe(true);
    expect(mayMatch(gate, "mail me at jo@example")).toBe(false);
    expect(mayMatch(gate, "note: nothing here")).toBe(false);
  });

  it("the pack's pattern set finds what each pattern alone finds", () => {
    const set = new PatternSet(packPatterns);
    const each = packPatterns.map((p) => ({ id: p.id, re: compilePattern(p.regex, p.flags ?? "u") }));
    expect(set.matching("call 555-123-4567 or see www.example.com")).toEqual(["url", "phone-number"]);
    fc.assert(
      fc.property(text, (t) => {
        expect(set.matching(t)).toEqual(each.filter((p) => p.re.test(t)).map((p) => p.id));
      }),
    );
  });

  it("reads every pattern's gate in one pass, as each pattern's own gate reads it", () => {
    const gates = patterns.slice(0, MAX_GATED).map((p) => gateOf(compilePattern(p.regex, p.flags)));
    const one = patternGates(gates);
    const each = (t: string) => gates.reduce((m, g, k) => (g === null || mayMatch(g, t) ? m | (1 << k) : m), 0);
    fc.assert(fc.property(text, (t) => openPatterns(one, t) === each(t)));
    fc.assert(fc.property(ascii, (t) => openPatterns(one, t) === each(t)));
  });

  it("lets text in other scripts or of emoji skip the pack's patterns too, unless the gate takes such a character", () => {
    const gate = gateOf(compilePattern(packPatterns.map((p) => `(?:${p.regex})`).join("|"), "u")) as Gate;
    expect(gate.strict).toBe(true);
    expect(mayMatch(gate, "👩🏽‍👩‍👧 ça va, très bien")).toBe(false);
    expect(mayMatch(gate, "👩🏽‍👩‍👧 appelle le 555-1234")).toBe(true);
    // "." or "é" on every path: a text with an "é" and no "." may match, so that gate is not strict.
    const either = compilePattern("x[.é]y", "u");
    const lenient = gateOf(either) as Gate;
    expect(lenient.strict).toBe(false);
    expect(either.test("xéy") && mayMatch(lenient, "xéy")).toBe(true);
    fc.assert(fc.property(text, (t) => !either.test(t) || mayMatch(lenient, t)));
    const set = new PatternSet([...packPatterns, { id: "either", regex: "x[.é]y" }]);
    expect(set.matching("xéy 👩🏽")).toEqual(["either"]);
    expect(set.matching("👩🏽 ça va")).toEqual([]);
  });

  it("has no gate for a pattern that matches letters alone or nothing at all", () => {
    expect(gateOf(compilePattern(String.raw`\bend of data\b`, "i"))).toBeNull();
    expect(gateOf(compilePattern("a*", "u"))).toBeNull();
    expect(gateOf(compilePattern("(?:x|\\d)", "u"))).toBeNull();
  });
});
