import { hiddenTextSignals } from "./hidden-text.js";
import { PatternSet } from "./pattern-set.js";

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
// position of the run (64 KiB of newlines took 18 s). As a PatternSet, one combined pass answers whether any
// shape is there (most text has none), instead of seven passes.
const MACHINE_SHAPES = new PatternSet([
  {
    id: "role tag",
    regex: String.raw`<\|[a-z_]+\|>|\[\/?inst\]|<<\/?sys>>|<\/?(?:system|assistant|user|developer|instructions?|prompt)\b[^>]*>`,
    flags: "i",
  },
  { id: "role label", regex: String.raw`(?:^|[\]>|])\s*(?:system|assistant|developer|instructions?)\s*:`, flags: "im" },
  {
    id: "data-boundary look-alike",
    regex: String.raw`<\/?\s*(?:data|content|input|text|document|context|end)\b[^>]*>|\bend[-_ ]?(?:of[-_ ])?(?:data|content|input)\b|<{3,}|>{3,}`,
    flags: "i",
  },
  { id: "heading or separator look-alike", regex: String.raw`#{3,}|^\s*[-=_*~]{3,}\s*$|={5,}`, flags: "m" },
  { id: "code fence", regex: "`{3,}|~{3,}", flags: "u" },
  { id: "markup comment", regex: String.raw`<!--|-->|^\s*\[(?:\/\/|comment)\]:\s*[#<]`, flags: "m" },
  { id: "answer look-alike", regex: String.raw`"(?:verdict|exception|confidence|rationale)"\s*:`, flags: "i" },
]);

/** The names of every machine-facing shape in the text; empty for ordinary writing. */
export function modelAddressSignals(text: string): string[] {
  return [...MACHINE_SHAPES.matching(text), ...hiddenTextSignals(text)];
}

/** Whether any shape is there: the combined pass alone for most text, and no names built. */
export const hasMachineShapes = (text: string): boolean =>
  MACHINE_SHAPES.matching(text).length > 0 || hiddenTextSignals(text).length > 0;
