import { CATEGORY } from "../../domain/facts.js";
import { type Clause, clauseOf } from "./clauses.js";
import type { Finding, Mention } from "./findings.js";
import { claimValence, topicMention } from "./generalisation.js";
import { opensImperative } from "./nlp.js";
import { inside, type ParsedSentence, type Unit } from "./units.js";
import { isNegator } from "./valence.js";

/** Subjects of "that's so X" / "you're so X": a person or a thing being called X. */
const INSULTED = new Set(["you", "u", "ur", "youre", "that", "thats", "this", "its", "it", "he", "she", "hes", "shes"]);
const POSSESSORS = new Set(["his", "her", "their", "your", "ur", "yer"]);
const MODALS = new Set([
  "should",
  "must",
  "will",
  "ll",
  "'ll",
  "gonna",
  "going",
  "gotta",
  "wanna",
  "want",
  "let",
  "lets",
]);
const HOSTILE = new Set<string>([
  CATEGORY.contempt,
  CATEGORY.dehumanising,
  CATEGORY.hostility,
  CATEGORY.insult,
  CATEGORY.violence,
  CATEGORY.exclusion,
]);
const OTHER_PEOPLE = new Set<string>([CATEGORY.secondPerson, CATEGORY.selfReference, CATEGORY.personReference]);

const within = (u: Unit, c: Clause) => u.first >= c.from && u.last <= c.to;

/**
 * An identity word raised by degree and said of a person or thing ("that's so
 * gay", "you're so autistic"): the identity used as a pejorative.
 */
export function identityInsult(s: ParsedSentence, clauses: readonly Clause[]): Unit | undefined {
  return s.units.find((u) => {
    if (u.category !== CATEGORY.identity) return false;
    const degree = s.units.some((d) => d.category === CATEGORY.degree && d.last === u.first - 1);
    if (!degree) return false;
    const clause = clauseOf(clauses, u.first);
    const subject = s.words.slice(clause.from, u.first).find((w) => w.pos === "PRON" || w.pos === "DET");
    return subject !== undefined && INSULTED.has(subject.lower.replace(/['’]/g, ""));
  });
}

/**
 * A verb that injures, a person's possessive and a body part in one clause
 * ("break his legs", "slit their throats"), announced or called for: intent,
 * a modal, or the verb opening the clause as an imperative.
 */
export function bodilyThreat(s: ParsedSentence, clauses: readonly Clause[]): boolean {
  return s.units.some((v) => {
    if (v.category !== CATEGORY.harmVerb) return false;
    const clause = clauseOf(clauses, v.first);
    const possessor = s.words.findIndex((w, i) => i > v.last && i <= clause.to && POSSESSORS.has(w.lower));
    if (possessor < 0 || possessor - v.last > 3) return false;
    const part = s.units.some(
      (b) => b.category === CATEGORY.bodyPart && b.first > possessor && b.first - possessor <= 2,
    );
    if (!part) return false;
    const before = s.words.slice(clause.from, v.first);
    const cue = s.units.some(
      (u) => within(u, clause) && (u.category === CATEGORY.intent || u.category === CATEGORY.prescriptive),
    );
    return cue || before.length === 0 || before.some((w) => MODALS.has(w.lower.replace(/['’]/g, "")));
  });
}

/**
 * A hostile word in a sentence that names a group, which no clause-level
 * reading settled, in a clause about no one else and outside any frame: could
 * be about the group, and rules cannot tell ("Muslims moved in next door.
 * Disgusting.").
 */
export function stray(
  s: ParsedSentence,
  clauses: readonly Clause[],
  findings: readonly Finding[],
  mentions: readonly Mention[],
  spans: readonly [number, number][],
): boolean {
  return s.units.some((u) => {
    if (!HOSTILE.has(u.category) || inside(u.first, spans)) return false;
    if (findings.some((f) => f.predicate[0] === u.first)) return false;
    const clause = clauseOf(clauses, u.first);
    const aboutSomeoneElse = s.units.some(
      (o) => within(o, clause) && OTHER_PEOPLE.has(o.category) && !mentions.some((m) => m.first === o.first),
    );
    const negated = s.units.some((n) => within(n, clause) && n.category === CATEGORY.negation && n.last < u.first);
    return !aboutSomeoneElse && !negated;
  });
}

/** A slur in a sentence that addresses someone ("you X") or opens with an imperative ("shut up, X"). */
export function slurAimed(s: ParsedSentence): boolean {
  if (!s.units.some((u) => u.category === CATEGORY.slur)) return false;
  return opensImperative(s.words) || s.units.some((u) => u.category === CATEGORY.secondPerson);
}

/** Words before a slur that make it the author's own kind ("fellow X", "proud X"). */
const KINSHIP = new Set(["fellow", "proud", "my", "our", "us", "we"]);

/** "my X", "us X gotta stick together", "fellow X": a slur used of the author's own people. */
export function affiliative(s: ParsedSentence, t: Unit): boolean {
  for (let i = t.first - 1; i >= Math.max(0, t.first - 3); i--) {
    const w = s.words[i];
    if (!w) break;
    if (KINSHIP.has(w.lower)) return true;
    if (w.pos !== "ADJ" && w.pos !== "DET") break;
  }
  return false;
}

/** Quantifiers that turn a statement about some people into one about a whole group. */
const UNIVERSAL = new Set(["all", "every", "always", "typical", "never", "none", "any", "whole"]);

/**
 * A generalisation about a named group ("X are all …", "every X …", "they're
 * always …"): the shape stereotypes take even without a hostile word. Rules
 * cannot tell a stereotype from a fact, so it is left unsettled for judgment,
 * unless it is denied or what it says is positive (valence from AFINN).
 */
/** First-person plural pronouns right before a group word: the author counts themselves in. */
const SPEAKING_AS_MEMBER = new Set(["we", "us"]);

export function generalises(s: ParsedSentence, clauses: readonly Clause[], mentions: readonly Mention[]): boolean {
  return mentions.some((g) => {
    const clause = clauseOf(clauses, g.first);
    const words = s.words.slice(clause.from, clause.to + 1);
    const universal = words.some((w) => UNIVERSAL.has(w.lower));
    const predicate = s.words.slice(g.last + 1, clause.to + 1).some((w) => w.pos === "AUX" || w.pos === "VERB");
    // "not all X are …", "X aren't all the same", "all X celebrating today": denied or praised, not a stereotype.
    const about = topicMention(s, clauses, g); // "I always stand with X" says nothing of X
    // "we X always …", "us X": the author speaks as one of the group, which reclamation evidence weighs.
    const asMember = SPEAKING_AS_MEMBER.has(s.words[g.first - 1]?.lower ?? "");
    return universal && predicate && about && !asMember && !words.some(isNegator) && claimValence(s, clauses, g) <= 0;
  });
}
