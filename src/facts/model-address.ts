import { hiddenTextSignals } from "./hidden-text.js";
import { compilePattern } from "./pattern-set.js";

/**
 * Text that speaks to the machinery instead of to people, recognised by its
 * shape in any language: chat role tags and instruction-template markers,
 * look-alikes of the boundary a prompt puts content in, markup comments a
 * reader never sees, answer-shaped JSON, plus the hidden-text signals (tag
 * characters, invisible or mixed-script letters inside words, encoded runs).
 * Words that instruct a moderator ("ignore previous instructions") come from
 * the pack's `model-directive` lexicon category instead.
 *
 * A signal never removes anything by itself: it only stops a model's answer
 * from allowing content that engaged a norm (see moderation/judge.ts), so the
 * shapes may be broad — a markdown heading costs at most a human review.
 */
// On the linear-time engine (RE2): V8 backtracked through whole runs of newlines, "#" or "=" from every
// position of the run (64 KiB of newlines took 18 s).
// Each shape also names what every text it can match contains (`may`, a native scan of the text): a 64 KiB text
// then pays for the RE2 scans only of shapes whose characters are there, not for all seven.
type Shape = readonly [string, { test(text: string): boolean }, (text: string) => boolean];
const has =
  (...parts: string[]) =>
  (text: string) =>
    parts.some((p) => text.includes(p));
const SHAPE_CHARACTERS = {
  heading: /###|[-=_*~]{3}/,
  boundary: /[<>]|end/i,
};
const MACHINE_SHAPES: readonly Shape[] = [
  [
    "role tag",
    compilePattern(
      String.raw`<\|[a-z_]+\|>|\[\/?inst\]|<<\/?sys>>|<\/?(?:system|assistant|user|developer|instructions?|prompt)\b[^>]*>`,
      "i",
    ),
    has("<", "["),
  ],
  [
    "role label",
    compilePattern(String.raw`(?:^|[\]>|])\s*(?:system|assistant|developer|instructions?)\s*:`, "im"),
    has(":"),
  ],
  [
    "data-boundary look-alike",
    compilePattern(
      String.raw`<\/?\s*(?:data|content|input|text|document|context|end)\b[^>]*>|\bend[-_ ]?(?:of[-_ ])?(?:data|content|input)\b|<{3,}|>{3,}`,
      "i",
    ),
    (text) => SHAPE_CHARACTERS.boundary.test(text),
  ],
  [
    "heading or separator look-alike",
    compilePattern(String.raw`#{3,}|^\s*[-=_*~]{3,}\s*$|={5,}`, "m"),
    (text) => SHAPE_CHARACTERS.heading.test(text),
  ],
  ["code fence", compilePattern("`{3,}|~{3,}", "u"), has("```", "~~~")],
  [
    "markup comment",
    compilePattern(String.raw`<!--|-->|^\s*\[(?:\/\/|comment)\]:\s*[#<]`, "m"),
    has("<!--", "-->", "]:"),
  ],
  ["answer look-alike", compilePattern(String.raw`"(?:verdict|exception|confidence|rationale)"\s*:`, "i"), has('"')],
];

/** The names of every machine-facing shape in the text; empty for ordinary writing. */
export function modelAddressSignals(text: string): string[] {
  const found = MACHINE_SHAPES.filter(([, shape, may]) => may(text) && shape.test(text)).map(([name]) => name);
  return [...found, ...hiddenTextSignals(text)];
}

export const hasMachineShapes = (text: string): boolean => modelAddressSignals(text).length > 0;
