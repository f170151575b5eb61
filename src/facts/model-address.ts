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
const MACHINE_SHAPES: ReadonlyArray<readonly [string, { test(text: string): boolean }]> = [
  [
    "role tag",
    compilePattern(
      String.raw`<\|[a-z_]+\|>|\[\/?inst\]|<<\/?sys>>|<\/?(?:system|assistant|user|developer|instructions?|prompt)\b[^>]*>`,
      "i",
    ),
  ],
  ["role label", compilePattern(String.raw`(?:^|[\]>|])\s*(?:system|assistant|developer|instructions?)\s*:`, "im")],
  [
    "data-boundary look-alike",
    compilePattern(
      String.raw`<\/?\s*(?:data|content|input|text|document|context|end)\b[^>]*>|\bend[-_ ]?(?:of[-_ ])?(?:data|content|input)\b|<{3,}|>{3,}`,
      "i",
    ),
  ],
  ["heading or separator look-alike", compilePattern(String.raw`#{3,}|^\s*[-=_*~]{3,}\s*$|={5,}`, "m")],
  ["code fence", compilePattern("`{3,}|~{3,}", "u")],
  ["markup comment", compilePattern(String.raw`<!--|-->|^\s*\[(?:\/\/|comment)\]:\s*[#<]`, "m")],
  ["answer look-alike", compilePattern(String.raw`"(?:verdict|exception|confidence|rationale)"\s*:`, "i")],
];

/** The names of every machine-facing shape in the text; empty for ordinary writing. */
export function modelAddressSignals(text: string): string[] {
  const found = MACHINE_SHAPES.filter(([, shape]) => shape.test(text)).map(([name]) => name);
  return [...found, ...hiddenTextSignals(text)];
}

/** Whether any shape is there: stops at the first, and names none. */
export const hasMachineShapes = (text: string): boolean =>
  MACHINE_SHAPES.some(([, shape]) => shape.test(text)) || hiddenTextSignals(text).length > 0;
