import model from "wink-eng-lite-web-model";
import winkNLP from "wink-nlp";

/** One word of a parsed sentence, with its span in the original text. */
export type Word = {
  text: string;
  lower: string;
  lemma: string;
  /** Universal POS tag (NOUN, VERB, AUX, ADJ, PRON, PROPN, CCONJ, SCONJ, PUNCT, …). */
  pos: string;
  start: number;
  end: number;
};

type Nlp = ReturnType<typeof winkNLP>;
/** The part of wink's core model that grows: its lexicon, the words it was built with first. */
type CoreModel = { features: { lexeme: { list: unknown[]; intrinsicSize: number } } };

/**
 * wink-nlp adds every word its model does not know to the model's lexicon, for good: ~150–190 bytes of heap
 * each (measured: 400,000 unseen words, +54 MB of heap, +166 MB resident), so a stream of new tokens —
 * misspellings, names, the random strings of a spammer — would grow a long-running process without bound.
 */
const MAX_ADDED_WORDS = 100_000;

/**
 * wink-nlp with its English "web" model: sentence boundaries, POS and lemmas, pure JavaScript, so the same code
 * runs on Node and in Workers. Loading the model takes ~90–200 ms, so it happens on the first text that needs
 * it, once per process or isolate — benign traffic never pays for it. Once the words it has learned past its
 * own lexicon exceed `maxAdded`, the next text builds a fresh instance from the model (wink reads a new core
 * model for each): one more load per 100,000 unseen words, and memory bounded. A word's tag and lemma do not
 * depend on what was read before (`test/unit/sentence-nlp-bound.test.ts`).
 */
export class SentenceReader {
  private instance: Nlp | undefined;
  private core: CoreModel | undefined;

  constructor(private readonly maxAdded = MAX_ADDED_WORDS) {}

  nlp(): Nlp {
    if (this.instance === undefined || this.added() > this.maxAdded) {
      // wink calls `core()` once per instance (its types say `unknown`; the model ships it as a loader
      // function); keeping what it returns is how the lexicon's growth is seen.
      const loadCore = model.core as () => CoreModel;
      const tracked = { ...model, core: () => (this.core = loadCore()) };
      this.instance = winkNLP(tracked, ["sbd", "pos"]);
    }
    return this.instance;
  }

  /** Words the current instance has added to its lexicon. */
  added(): number {
    const lexeme = this.core?.features.lexeme;
    return lexeme ? lexeme.list.length - lexeme.intrinsicSize : 0;
  }
}

const shared = new SentenceReader();

/**
 * Splits a text into sentences of words. Offsets are recovered by walking the
 * original text: wink keeps each token's surface form and the spaces before it.
 */
export function parseSentences(text: string, reader: SentenceReader = shared): Word[][] {
  const n = reader.nlp();
  const its = n.its;
  const doc = n.readDoc(text);
  const tokens = doc.tokens();
  const values = tokens.out(its.value) as string[];
  const tags = tokens.out(its.pos) as string[];
  // wink types its.lemma with a different helper signature than tokens.out expects; it works at run time.
  const lemmas = tokens.out(its.lemma as unknown as typeof its.value) as string[];
  // Each sentence's first and last token index, read in one call (no item object per sentence).
  const sizes = (doc.sentences().out(its.span) as unknown as [number, number][]).map(([a, b]) => b - a + 1);
  const sentences: Word[][] = [];
  let cursor = 0;
  let k = 0;
  for (const size of sizes) {
    const words: Word[] = [];
    for (const end = k + size; k < end; k++) {
      const value = values[k] ?? "";
      const at = text.indexOf(value, cursor);
      const start = at < 0 ? cursor : at;
      cursor = start + value.length;
      words.push({
        text: value,
        lower: value.toLowerCase(),
        lemma: (lemmas[k] ?? value).toLowerCase(),
        pos: tags[k] ?? "X",
        start,
        end: start + value.length,
      });
    }
    if (words.length > 0) sentences.push(words);
  }
  return sentences;
}

/** Particles that complete a phrasal verb ("move out", "get off", "back off"). */
const PARTICLES = new Set(["out", "off", "away", "up", "down", "back", "over", "along"]);
const NOT_VERBS = new Set(["DET", "PRON", "NUM", "ADJ", "ADP", "PUNCT", "CCONJ", "SCONJ", "AUX"]);

/**
 * Whether the word at `at` opens an imperative: a verb in its base form, or a word the tagger misreads (a
 * capitalised "Move" as a name) that a phrasal particle follows ("Move out of …", "Back off …").
 */
export function opensImperative(words: readonly Word[], at = 0): boolean {
  const w = words[at];
  if (w === undefined) return false;
  if (w.pos === "VERB") return w.lemma === w.lower;
  const next = words[at + 1];
  return !NOT_VERBS.has(w.pos) && next !== undefined && PARTICLES.has(next.lower) && next.pos !== "NOUN";
}
