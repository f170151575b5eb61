import { describe, expect, it } from "vitest";
import { anyEndingIn, anyOverlapping } from "../../src/facts/reach-index.js";

type Span = { first: number; last: number };
const spans = (pairs: ReadonlyArray<[number, number]>): Span[] => pairs.map(([first, last]) => ({ first, last }));

/** Every question of both kinds over [0, 60], answered by the index and by walking the list. */
function answersAgree(list: readonly Span[]) {
  for (let a = -1; a <= 60; a++)
    for (let b = -1; b <= 60; b++) {
      expect(anyOverlapping(list, a, b)).toBe(list.some((s) => s.first <= a && s.last >= b));
      expect(anyEndingIn(list, a, b)).toBe(list.some((s) => s.last >= a && s.last <= b));
    }
}

describe("the reach index of a long list of matches", () => {
  it("answers as a walk of the list does, for a list in text order", () => {
    answersAgree(spans(Array.from({ length: 20 }, (_, i): [number, number] => [2 * i, 2 * i + (i % 3)])));
  });

  it("answers as a walk does when the list is out of order (@handles join the cues after the matches)", () => {
    const inOrder = Array.from({ length: 20 }, (_, i): [number, number] => [3 * i, 3 * i + 1]);
    answersAgree(spans([...inOrder, [1, 1], [7, 40], [4, 5]]));
  });
});
