import { CATEGORY } from "../../domain/facts.js";
import type { Finding } from "./findings.js";
import type { ParsedSentence, Unit } from "./units.js";

/** Words before a noun phrase that make it the author's own people ("my X", "our X", "fellow X", "proud X"). */
const KIN = new Set(["my", "our", "us", "we", "fellow", "proud"]);
/** First person plural right beside the term: the author speaks as one of a "we" ("X we out here", "us X"). */
const WE = new Set(["we", "us"]);
/** What may stand between the possessive and the noun ("my butch X", "our dear old X"). */
const MODIFIERS = new Set(["ADJ", "DET", "ADV", "NUM"]);
/** "I'm a", "as an": the author claims the group named right after. */
const CLAIMS = new Set(["im", "i'm", "i’m", "'m", "’m", "am", "as", "being"]);

/**
 * "my butch X", "our X", "fellow X": the noun phrase is owned by the author's "my" or "our". One noun may
 * modify it ("my butch X"); a "my" heading a prepositional phrase ("out of my country X", "in my opinion X")
 * owns something else.
 */
export function ownedByAuthor(s: ParsedSentence, first: number): boolean {
  let nouns = 0;
  for (let i = first - 1; i >= Math.max(0, first - 4); i--) {
    const w = s.words[i];
    if (!w) break;
    if (KIN.has(w.lower)) return s.words[i - 1]?.pos !== "ADP";
    if (w.pos === "NOUN" && nouns++ === 0) continue;
    if (!MODIFIERS.has(w.pos)) break;
  }
  return false;
}

/** "I'm an immigrant and yeah, a dirty foreigner": the sentence has the author claim the group itself. */
export function claimsGroup(s: ParsedSentence, group: string): boolean {
  return s.units.some((u) => {
    if (u.category !== CATEGORY.identity || u.group !== group) return false;
    // The claim right before the group word, an article at most between ("I'm an X", "as a X").
    const article = s.words[u.first - 1]?.pos === "DET" ? 2 : 1;
    return CLAIMS.has(s.words[u.first - article]?.lower ?? "");
  });
}

/**
 * An in-group signal about a term or group mention: owned by the author ("my
 * X"), or a sentence of solidarity or celebration addressed to a group (the
 * pack's affiliation cues: "shoutout to", "represent", "unite", "sis").
 * Rules cannot tell reclaiming from mocking; the signal sends the case to
 * judgment instead of removal.
 */
export function inGroupAddress(s: ParsedSentence, first: number): boolean {
  return ownedByAuthor(s, first) || s.units.some((u) => u.category === CATEGORY.affiliation);
}

/** The author speaks as one of a "we" in this sentence ("yo X we out here"). */
export const speaksAsWe = (s: ParsedSentence, t: Unit) =>
  WE.has(s.words[t.last + 1]?.lower ?? "") || WE.has(s.words[t.first - 1]?.lower ?? "");

/**
 * "damn girl, you look amazing": profanity opening the sentence, right before
 * a vocative that the comma closes, is an interjection, not a predicate about
 * the person or group addressed.
 */
export function interjection(s: ParsedSentence, f: Finding): boolean {
  const [p] = f.predicate;
  const unit = s.units.find((u) => u.first === p);
  if (unit?.category !== CATEGORY.profanity || p !== 0 || f.mention[0] !== unit.last + 1) return false;
  const comma = f.mention[1] + 1;
  if (s.words[comma]?.text !== ",") return false;
  // The next clause speaks to the one called: a vocative, not a group cursed ("fuck X, seriously").
  return s.units.some((u) => u.category === CATEGORY.secondPerson && u.first > comma && u.first - comma <= 2);
}
