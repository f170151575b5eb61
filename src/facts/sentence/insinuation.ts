import { CATEGORY } from "../../domain/facts.js";
import { isPersonNoun } from "../person-nouns.js";
import { type Clause, clauseOf } from "./clauses.js";
import type { Mention } from "./findings.js";
import type { GroupResolver } from "./identity-words.js";
import type { Word } from "./nlp.js";
import { isNegated } from "./polarity.js";
import type { ParsedSentence, Unit } from "./units.js";
import { runValence } from "./valence.js";

/**
 * Implicit derogation: a group, or one member of it, is cast as a danger, a
 * thief or a stereotype without a hostile word — "black family moved in, hide
 * your bikes", "muslim neighbour bought fertiliser, should I be worried",
 * "typical X", "classic X move", "must be an X thing". Two structures:
 * - a suspicion or precaution cue (`insinuation`) in a sentence that names a
 *   group, or right after one that did (`previousNamed`);
 * - a stereotype frame (`stereotype-frame`) touching a group word: "typical"
 *   or "classic" just before it, "thing", "behaviour" or "move" just after.
 * Neither holds with praise in the sentence, under negation, or inside a
 * quotation or counter-speech frame (`framed`). Rules cannot tell a joke among
 * friends from contempt, so the caller leaves it unsettled, for judgment.
 */
export function insinuates(
  s: ParsedSentence,
  clauses: readonly Clause[],
  mentions: readonly Mention[],
  previousNamed: boolean,
  framed: (a: number, b: number) => boolean,
  resolve: GroupResolver,
): boolean {
  const live = liveCue(s, clauses, framed);
  const mentioned = (i: number) => mentions.some((g) => i >= g.first && i <= g.last);
  // A group word beside the frame may modify a thing rather than name people ("black behaviour").
  const groupWordAt = (i: number) =>
    mentioned(i) || (s.words[i] !== undefined && !!resolve((s.words[i] as Word).lower));
  const namesPeople = (i: number) => {
    if (mentioned(i)) return true;
    const next = s.words[i + 1];
    return next === undefined || next.pos !== "NOUN" || isPersonNoun(next.lemma);
  };
  const cues = s.units.filter((u) => {
    if (!live(u)) return false;
    if (u.category === CATEGORY.insinuation) return mentions.length > 0 || previousNamed;
    if (u.category !== CATEGORY.stereotypeFrame) return false;
    // "typical X" of people, not "typical Irish weather"; "an X thing" with the frame word as the head noun.
    const before = groupWordAt(u.last + 1) && namesPeople(u.last + 1);
    const after = groupWordAt(u.first - 1) && s.words[u.last]?.pos === "NOUN";
    return before || after;
  });
  if (cues.length === 0) return false;
  const skip = (i: number) =>
    groupWordAt(i) || cues.some((u) => i >= u.first && i <= u.last) || modalBetter(s.words, i);
  return runValence(s.words, skip) <= 0;
}

/** A cue the author asserts: not quoted or framed, not negated in its clause. */
function liveCue(s: ParsedSentence, clauses: readonly Clause[], framed: (a: number, b: number) => boolean) {
  return (u: Unit) => !framed(u.first, u.last) && !isNegated(s, clauseOf(clauses, u.first), u);
}

/**
 * "who really runs the banks?" with no group named: a question whose insinuation the next sentence may answer
 * by naming one ("hint: the X"). The caller reads a group named right after it as the insinuation's target.
 */
export function asksInsinuation(
  s: ParsedSentence,
  clauses: readonly Clause[],
  mentions: readonly Mention[],
  framed: (a: number, b: number) => boolean,
): boolean {
  if (mentions.length > 0 || s.words.at(-1)?.text !== "?") return false;
  const live = liveCue(s, clauses, framed);
  return s.units.some((u) => u.category === CATEGORY.insinuation && live(u));
}

/** "better call security", "you better watch out": "better" as a modal before a verb praises nothing. */
const modalBetter = (words: readonly Word[], i: number) => words[i]?.lower === "better" && words[i + 1]?.pos === "VERB";
