import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Distinct } from "../../src/facts/match-summary.js";

describe("Distinct (the facts' lists of terms, categories and groups)", () => {
  it("keeps each value once, in order of first appearance, short or long", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 3 }), { maxLength: 80 }), (values) => {
        const d = new Distinct();
        const added = values.map((v) => d.add(v));
        const expected = [...new Set(values)];
        expect(d.list).toEqual(expected);
        expect(added.filter(Boolean)).toHaveLength(expected.length);
        for (const v of values) expect(d.has(v)).toBe(true);
        expect(d.has("not one of them, too long")).toBe(false);
      }),
    );
  });
});
