import { compilePattern } from "./pattern-set.js";

/**
 * Text that speaks to the machinery instead of to people: chat role tags,
 * instruction-template markers and runs of delimiter characters that imitate
 * the boundary of the data block a prompt puts content in. Words that
 * instruct a moderator ("ignore previous instructions") come from the pack's
 * `model-directive` lexicon category; these shapes are language-independent.
 */
// On the linear-time engine: V8 backtracked through whole runs of newlines, "#" or "=" from every
// position of the run (64 KiB of newlines took 18 s).
const MACHINE_SHAPES = compilePattern(
  String.raw`<\|[a-z_]+\|>|\[\/?inst\]|<\/?(?:system|assistant|user|instructions?)>|^\s*(?:system|assistant)\s*:|#{2,}\s*(?:system|instruction)|<{3,}|>{3,}|={5,}\s*(?:end|begin)`,
  "im",
);

export const hasMachineShapes = (text: string): boolean => MACHINE_SHAPES.test(text);
