/**
 * Glued words: "ihate", "killallgays" → "i hate", "kill all gays". Only asked
 * for tokens that are not English words. A split is kept only if every piece
 * is an English word (of 2+ letters — "no", "be" glue hashtags together —
 * or "i") or a headword of 4+ letters (not a variant: "yidd" + "ish" is no
 * split), and at least one piece of 4+ letters is flagged content on its own
 * (three-letter slurs hide in too many innocent words: "yid" + "dish"). So a name that happens to hold words ("fatima" is not "fat ima"), a typo
 * ("looknig" is not "look nig") or a compound ("tinkerbell") is left alone.
 * The split with the fewest pieces wins (dynamic programming over positions).
 */
const MAX_LENGTH = 40;
const MIN_WORD = 2;
/** Shorter tokens are too short to hold two words worth splitting. */
const MIN_TOKEN = 5;
const MIN_LEXICON_ONLY = 4;

export type Vocab = {
  lexicon: (piece: string) => boolean;
  /** A word of a term's headword (not of a variant, which is already a misspelling). */
  headword: (piece: string) => boolean;
  /** A lexicon word that is flagged content on its own (see Vocabulary.marked). */
  marked: (piece: string) => boolean;
  english: (piece: string) => boolean;
};

/** Piece boundaries [start, end) for `word`, or null when no acceptable split exists. */
export function segment(word: string, vocab: Vocab): Array<[number, number]> | null {
  const n = word.length;
  if (n < MIN_TOKEN || n > MAX_LENGTH || !/^[a-z]+$/.test(word)) return null;
  // best[i]: fewest pieces covering word[0, i), then the most letters in flagged pieces ("muslims out", not
  // "muslim sout"); back[i]: where the last piece starts.
  const best: Array<{ pieces: number; lexical: number } | undefined> = [{ pieces: 0, lexical: 0 }];
  const back: number[] = [0];
  for (let end = 1; end <= n; end++) {
    for (let start = 0; start < end; start++) {
      const before = best[start];
      if (!before || (start === 0 && end === n)) continue;
      const piece = word.slice(start, end);
      const lexical = vocab.lexicon(piece);
      const english = vocab.english(piece);
      if (
        !(english && (lexical || piece.length >= MIN_WORD)) &&
        !(piece.length >= MIN_LEXICON_ONLY && vocab.headword(piece))
      )
        continue;
      const score = {
        pieces: before.pieces + 1,
        lexical: before.lexical + (piece.length >= MIN_LEXICON_ONLY && vocab.marked(piece) ? piece.length : 0),
      };
      const current = best[end];
      if (
        !current ||
        score.pieces < current.pieces ||
        (score.pieces === current.pieces && score.lexical > current.lexical)
      ) {
        best[end] = score;
        back[end] = start;
      }
    }
  }
  const whole = best[n];
  if (!whole || whole.lexical === 0) return null;
  const spans: Array<[number, number]> = [];
  for (let end = n; end > 0; end = back[end] as number) spans.unshift([back[end] as number, end]);
  return spans;
}
