import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

/** The longest text a request may carry (`content.text` and `context.parent.text`), in UTF-16 code units. */
export const MAX_TEXT = 65_536;

export type WorstCase = { name: string; unit: string; tail?: string };

/** The worst-case texts of test/fixtures/worst-case-texts.yaml, shared by the linear-work test and the bench. */
export const worstCases: WorstCase[] = parse(
  readFileSync(fileURLToPath(new URL("../fixtures/worst-case-texts.yaml", import.meta.url)), "utf8"),
).texts;

/** `unit` repeated in whole copies (no surrogate pair or sequence is cut), then `tail`, within `length` code units. */
export function worstText({ unit, tail = "" }: WorstCase, length: number): string {
  return unit.repeat(Math.floor((length - tail.length) / unit.length)) + tail;
}

/**
 * `count` different texts of `c`, the first `length` long and each next one a unit shorter (the `n`th set of
 * `count` with `from = n * count`). Per-word caches (the lexical repair's readings) then cannot hide work: a
 * text that is one long token is new every time, as an attacker's texts would be.
 */
export function worstTexts(c: WorstCase, length: number, count: number, from = 0): string[] {
  return Array.from({ length: count }, (_, k) => worstText(c, length - (from + k) * c.unit.length));
}
