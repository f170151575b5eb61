import EMOJI_NAMES from "./generated/emoji-names.json" with { type: "json" };

/**
 * Emoji read as their English names ("🔪" → "kitchen knife", "🐀" → "rat"),
 * so they take part in threats and dehumanisation like the words they stand
 * for. Which names mean what is the lexicons' business: this only turns a
 * pictograph into words. Faces and hearts are not in the data (they carry
 * tone, not a referent); see src/facts/generated/generate.ts.
 */
const NAMES: ReadonlyMap<number, readonly string[]> = new Map(
  Object.entries(EMOJI_NAMES as Record<string, string>).map(([emoji, name]) => [
    emoji.codePointAt(0) as number,
    name.split(/[^a-z]+/).filter(Boolean),
  ]),
);

/** Below this code point there are no emoji (only © and ®, which fold to themselves and read as noise). */
const FIRST_EMOJI = 0x2000;

/** The words of the emoji at `i` in `text`, and how many UTF-16 units it takes; null if none is there. */
export function emojiAt(text: string, i: number): { words: readonly string[]; length: number } | null {
  const code = text.codePointAt(i) as number;
  if (code < FIRST_EMOJI) return null;
  const words = NAMES.get(code);
  return words ? { words, length: code > 0xffff ? 2 : 1 } : null;
}
