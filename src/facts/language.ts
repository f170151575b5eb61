import { countWords } from "./language-words.js";

/** What the detector could say about a text's language. `code` is null when it could not be sure. */
export type LanguageReading = { code: string | null };

/** Fewer letters than this and n-gram detectors guess: "kys asshole" reads as anything. */
const MIN_LETTERS = 20;
/** Fewer lower-case words than this (a glued hashtag, a line of names) is too little language to call foreign. */
const MIN_COMMON_WORDS = 3;
/**
 * Share of lower-case words found in the English word list at or above which
 * a text is English whatever the detector says: slang, slurs, emoji and
 * typos throw n-grams off, but rarely the words around them. Capitalised
 * words are left out: names and places belong to no language.
 */
const ENGLISH_SHARE = 0.7;

type Detector = { detect(text: string): { language: string; isReliable(): boolean } };
let detector: Promise<Detector> | undefined;

/**
 * eld 2.1.0 with its `small` n-gram database (60 languages, pure JS, no I/O,
 * so it runs on Node and Workers alike). Loaded on first use: parsing its
 * 1.6 MB of n-grams is a cold-start cost no request that never needs it
 * should pay. bench/language.ts measured it against tinyld and franc-min.
 */
const load = (): Promise<Detector> => {
  detector ??= import("eld/small").then((m) => m.eld as Detector);
  return detector;
};

/**
 * The language of a text, only when the evidence is strong: enough letters,
 * a detector confident in its answer, and — for anything but English — few
 * English words, where a word the pack's lexicons matched exactly
 * (`lexiconHits`: slang and slurs no dictionary lists) counts as English.
 * Everything else is `null`, which policy treats as readable: a wrongly
 * foreign English text would be held or labelled for nothing.
 */
export async function readLanguage(text: string, lexiconHits: ReadonlySet<string> = NONE): Promise<LanguageReading> {
  const { letters, common, english } = countWords(text, lexiconHits);
  if (letters < MIN_LETTERS) return { code: null };
  // Mostly English words: English, whatever n-grams would say, and without paying for them (most traffic).
  const mostlyEnglish = common >= MIN_COMMON_WORDS && english / common >= ENGLISH_SHARE;
  if (mostlyEnglish) return { code: "en" };
  const result = (await load()).detect(text);
  if (!result.language || !result.isReliable()) return { code: null };
  if (result.language === "en") return { code: "en" };
  if (common < MIN_COMMON_WORDS) return { code: null };
  return { code: result.language };
}

const NONE: ReadonlySet<string> = new Set();
