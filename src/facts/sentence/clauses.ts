import type { Word } from "./nlp.js";

/** A clause: an inclusive range of word indices within one sentence. */
export type Clause = { from: number; to: number };

/** Punctuation that closes a clause; quotation marks do not (a quoted phrase belongs to its clause). */
const BREAKS = new Set([",", ";", ":", "—", "–", "-", "(", ")", "!", "?", "...", "…"]);
/** Conjunctions that always start a new clause: contrast, cause, condition, relative pronouns. */
const SUBORDINATORS = new Set([
  "but",
  "yet",
  "though",
  "although",
  "because",
  "cause",
  "since",
  "unless",
  "whereas",
  "while",
  "if",
  "when",
  "who",
  "which",
  "whom",
  "whose",
]);
const COORDINATORS = new Set(["and", "or", "so", "&"]);
const PREDICATE = new Set(["VERB", "AUX"]);

const hasPredicate = (words: readonly Word[], from: number, to: number) =>
  words.slice(from, to + 1).some((w) => PREDICATE.has(w.pos));

/**
 * Splits a sentence at punctuation, subordinators and relative pronouns, and
 * at "and"/"or" only between two predicates ("they are not human and don't
 * deserve rights") — so negation and predication stay inside their clause
 * while a list of nouns ("sausages and mash") stays whole. `fixed`: words
 * inside fixed expressions, which never split.
 */
export function splitClauses(words: readonly Word[], fixed: ReadonlySet<number> = new Set()): Clause[] {
  const clauses: Clause[] = [];
  let from = 0;
  const close = (to: number) => {
    if (to >= from) clauses.push({ from, to });
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as Word;
    if (w.pos === "PUNCT" && BREAKS.has(w.text)) {
      close(i - 1);
      from = i + 1;
    } else if (fixed.has(i)) {
      // Inside a fixed expression ("nothing but", "not only … but"): no boundary.
    } else if (i > from && (SUBORDINATORS.has(w.lower) || (w.lower === "that" && w.pos === "SCONJ"))) {
      close(i - 1);
      from = i;
    } else if (i > from && COORDINATORS.has(w.lower)) {
      let end = i + 1;
      while (end < words.length && !BREAKS.has((words[end] as Word).text)) end++;
      if (hasPredicate(words, from, i - 1) && hasPredicate(words, i + 1, end - 1)) {
        close(i - 1);
        from = i + 1;
      }
    }
  }
  close(words.length - 1);
  return clauses;
}

export const clauseOf = (clauses: readonly Clause[], i: number) =>
  clauses.find((c) => i >= c.from && i <= c.to) ?? { from: i, to: i };
