import { CATEGORY } from "../../domain/facts.js";
import type { Word } from "./nlp.js";
import type { ParsedSentence, Unit } from "./units.js";

/**
 * A speech-act frame: words the author mentions rather than uses.
 *   counter   the author criticises or stops the saying ("calling them X is vile", "stop calling them X")
 *   reported  someone else said or wrote it ("he called me X", "someone wrote X on my door")
 *   mentioned the saying or depicting is the subject, but no evaluative word judges it ("comparing X to Y is
 *             how …", "that cartoon drawing X as Y should never …"): mentioned, with a stance rules cannot read
 * `atAuthor`: the reported words were aimed at the author ("called me", "on my door", "I was called").
 */
export type Frame = { kind: "counter" | "reported" | "mentioned"; span: [number, number]; atAuthor: boolean };

const SPEECH = CATEGORY.speechVerb;
const HATE = CATEGORY.hostility;
/** What makes the predicate of a gerund subject a judgment of the act ("… is vile", "… is not okay"). */
const EVALUATIVE = new Set<string>([
  CATEGORY.denouncement,
  CATEGORY.violence,
  CATEGORY.contempt,
  CATEGORY.insult,
  CATEGORY.dehumanising,
  CATEGORY.hostility,
]);
const STOPPERS = new Set(["stop", "quit", "dont", "don't", "never", "cease", "stopped"]);
const AUTHOR = new Set(["i", "we"]);
const AUTHOR_OBJECT = new Set(["me", "us", "my", "our", "mine"]);
const QUOTES = new Set(['"', "“", "”", "'", "‘", "’"]);
const BREAKS = new Set([".", ";", "!", "?", "…"]);
const SUBJECTS = new Set(["i", "you", "he", "she", "we", "they", "youre", "im", "hes", "shes", "theyre"]);
const OTHER_SUBJECT_POS = new Set(["PRON", "PROPN", "NOUN"]);

/** The last word before the next clause-breaking punctuation (a quotation runs on through its commas). */
function untilBreak(words: readonly Word[], from: number): number {
  let quoted = false;
  for (let i = from + 1; i < words.length; i++) {
    const w = words[i] as Word;
    if (QUOTES.has(w.text)) quoted = !quoted;
    else if (!quoted && w.pos === "PUNCT" && BREAKS.has(w.text)) return i - 1;
    else if (!quoted && w.pos === "CCONJ" && startsOwnClause(words, i + 1)) return i - 1;
  }
  return words.length - 1;
}

/** "… and honestly you're X": a new subject after a conjunction ends the reported words. */
function startsOwnClause(words: readonly Word[], at: number): boolean {
  for (let i = at; i < Math.min(words.length, at + 3); i++) {
    const w = words[i] as Word;
    if (w.pos === "ADV" || w.pos === "INTJ") continue;
    return w.pos === "PRON" && SUBJECTS.has(w.lower.replace(/['’].*$/, ""));
  }
  return false;
}

const ASKED = new Set(["you", "u", "ya"]);
/** A question: ending in "?" or opening with an auxiliary ("don't you think …"). */
const asks = (words: readonly Word[]) => words.at(-1)?.text === "?" || words[0]?.pos === "AUX";

const isVerbal = (w: Word | undefined) => w !== undefined && (w.pos === "VERB" || w.pos === "AUX");

const isSpeechOrHate = (u: Unit) => u.category === SPEECH || u.category === HATE;

/**
 * "calling them X is disgusting": a gerund of saying or depicting is the subject of the sentence (alone or
 * after its noun: "that cartoon drawing X as Y …"). Judged by an evaluative main predicate, it is counter
 * speech; otherwise the words are still only mentioned, with a stance for judgment to read.
 */
function gerundSubject(s: ParsedSentence, u: Unit): Frame | null {
  const { words, units } = s;
  const head = words[u.first] as Word;
  if (!head.lower.endsWith("ing")) return null;
  if (words.slice(0, u.first).some((w) => w.pos === "VERB" || w.pos === "AUX")) return null;
  const copula = words.findIndex((w, i) => i > u.last && w.pos === "AUX");
  if (copula < 0) return null;
  const judged = units.some((e) => e.first >= copula && EVALUATIVE.has(e.category));
  return { kind: judged ? "counter" : "mentioned", span: [u.first, copula - 1], atAuthor: false };
}

/** "stop calling them X", "don't say X", "it is wrong to call them X": the saying is what is criticised. */
function stopped(s: ParsedSentence, u: Unit): Frame | null {
  const { words, units } = s;
  const before = words[u.first - 1];
  const stoppedHere = before && STOPPERS.has(before.lower.replace("’", "'"));
  const judgedHere =
    before?.lower === "to" &&
    units.some((e) => e.last < u.first && (e.category === CATEGORY.denouncement || e.category === CATEGORY.contempt));
  if (!stoppedHere && !judgedHere) return null;
  return { kind: "counter", span: [u.first, untilBreak(words, u.last)], atAuthor: false };
}

/** "he called me X", "someone wrote X on my door", "I was called X": another person's words, reported. */
function reported(s: ParsedSentence, u: Unit): Frame | null {
  if (u.category !== SPEECH) return null;
  const { words } = s;
  const head = words[u.first] as Word;
  // "-ing" is reported only in a progressive or aspect chain ("he kept calling me X", "they were saying X").
  const chained = isVerbal(words[u.first - 1]);
  if (head.lower.endsWith("ing") && !chained) return null;
  const subject = [...words.slice(0, u.first)].reverse().find((w) => OTHER_SUBJECT_POS.has(w.pos));
  const rest = words.slice(u.last + 1);
  const auxiliary = words[u.first - 1];
  const passive =
    auxiliary !== undefined &&
    (auxiliary.lemma === "be" || auxiliary.lemma === "get") &&
    subject !== undefined &&
    AUTHOR.has(subject.lower);
  if (!subject || (AUTHOR.has(subject.lower) && !passive)) return null;
  // "don't you think X?", "do you agree X?": asked of the reader, the words are the author's own proposal.
  if (ASKED.has(subject.lower) && asks(words)) return null;
  const atAuthor = passive || rest.some((w) => AUTHOR_OBJECT.has(w.lower));
  return { kind: "reported", span: [u.last + 1, untilBreak(words, u.last)], atAuthor };
}

/** The speech-act frames of one sentence. */
export function findFrames(s: ParsedSentence): Frame[] {
  const frames: Frame[] = [];
  for (const u of s.units) {
    if (!isSpeechOrHate(u)) continue;
    const frame = gerundSubject(s, u) ?? stopped(s, u) ?? reported(s, u);
    if (frame) frames.push(frame);
  }
  return frames;
}
