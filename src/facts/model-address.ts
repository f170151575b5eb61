/**
 * Text that speaks to the machinery instead of to people: chat role tags,
 * instruction-template markers and runs of delimiter characters that imitate
 * the boundary of the data block a prompt puts content in. Words that
 * instruct a moderator ("ignore previous instructions") come from the pack's
 * `model-directive` lexicon category; these shapes are language-independent.
 */
const MACHINE_SHAPES =
  /<\|[a-z_]+\|>|\[\/?inst\]|<\/?(?:system|assistant|user|instructions?)>|^\s*(?:system|assistant)\s*:|#{2,}\s*(?:system|instruction)|<{3,}|>{3,}|={5,}\s*(?:end|begin)/im;

export const hasMachineShapes = (text: string): boolean => MACHINE_SHAPES.test(text);
