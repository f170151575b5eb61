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

/**
 * The words of the emoji whose code point is `code`; undefined if it is none. (It takes two UTF-16 units above
 * U+FFFF.) No object per emoji: a 64 KiB text holds 20,000 of them.
 */
export function emojiWords(code: number): readonly string[] | undefined {
  return code < FIRST_EMOJI ? undefined : NAMES.get(code);
}
