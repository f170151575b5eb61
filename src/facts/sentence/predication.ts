import { CATEGORY } from "../../domain/facts.js";
import type { Clause } from "./clauses.js";
import { COPULAS, type Finding, KIND, type Mention } from "./findings.js";
import type { Word } from "./nlp.js";
import { isNegated } from "./polarity.js";
import { describesAuthor, isGoverned, isPossessor, valueGoverns } from "./roles.js";
import type { ParsedSentence, Unit } from "./units.js";

const MODALS = new Set([
  "should",
  "must",
  "need",
  "ought",
  "will",
  "shall",
  "'ll",
  "ll",
  "gotta",
  "wanna",
  "let",
  "to",
]);
/** Words a noun-phrase modifier may have between it and the group noun ("filthy little immigrants"). */
const MODIFIER_GAP = new Set(["ADJ", "ADV", "DET", "PUNCT"]);
/** Words that may stand between a copula and its complement's head. */
const COMPLEMENT = new Set(["ADJ", "ADV", "DET", "PART", "NUM", "NOUN"]);

const RELATIVE = new Set(["who", "whom", "which", "whose"]);

const isVerb = (w: Word | undefined) => w !== undefined && (w.pos === "VERB" || w.pos === "AUX");

function verdictOf(kind: Finding["kind"], negated: boolean): Finding["verdict"] {
  if (kind === "negated-value") return negated ? "hostile" : "benign";
  return negated ? "benign" : "hostile";
}

/** The group is the subject and the predicate follows: copula + complement, a verb phrase, modal + passive. */
function aboutSubject(
  s: ParsedSentence,
  clause: Clause,
  g: Mention,
  p: Unit,
  kind: Finding["kind"],
): Finding["verdict"] | "stated" {
  const between = s.words.slice(g.last + 1, p.first);
  const negated = isNegated(s, clause, p);
  // The predicate must sit in the copula's complement ("X are (not) such filthy Y"), not further on.
  const at = between.findIndex((w) => w.pos === "AUX" && COPULAS.has(w.lemma));
  const loaded = (i: number) => s.units.some((u) => u.first <= i && u.last >= i && KIND[u.category] !== undefined);
  const copula =
    at >= 0 &&
    between.slice(at + 1).every((w, k) => COMPLEMENT.has(w.pos) || w.pos === "AUX" || loaded(g.last + 2 + at + k));
  const verbs = between.filter((w) => w.pos === "VERB");
  if (kind === "harm") {
    const modal = between.some((w) => MODALS.has(w.lower)) || s.units.some(isCue(clause));
    const passive = copula || between.some((w) => w.lemma === "be" || w.lemma === "get");
    if (passive && modal) return negated ? "benign" : "hostile";
    // "X were attacked": the group is the victim of what happened.
    if (passive) return "benign";
    // "X belong in the kitchen", "X go home": exclusion stated of the group is a claim about where it belongs.
    if (p.category === CATEGORY.exclusion && verbs.length === 0) return negated ? "benign" : "stated";
    // Hostility felt by the group ("X hate the cold") is not hostility toward it.
    return "unsettled";
  }
  // "X hate the cold": the group feels it. "X make me sick", "X disgust me": the author does, about the group.
  const felt = s.units.some(
    (u) => u.category === CATEGORY.selfPossessive && u.first >= p.first && u.first <= p.last + 1,
  );
  if (kind === "contempt" && p.category === CATEGORY.hostility && verbs.length === 0 && !felt) return "benign";
  if (copula || verbs.length === 0) return verdictOf(kind, negated);
  // "X should never have been given the vote", "X shouldn't get rights": prescribing that a group lack a good.
  const prescribed = between.some((w) => MODALS.has(w.lower)) && !between.some((w) => w.lower === "to");
  if (kind === "negated-value" && negated && prescribed && verbs.every((w) => HAVING.has(w.lemma))) return "hostile";
  return "unsettled";
}

/** Verbs by which one has or is given a good ("given the vote", "get rights", "keep their jobs"). */
const HAVING = new Set(["give", "grant", "allow", "have", "get", "keep", "receive", "be"]);

/** The group follows the predicate: object of a verb of hatred or harm, a modified noun, a predicate nominal. */
function aboutObject(s: ParsedSentence, clause: Clause, g: Mention, p: Unit, kind: Finding["kind"]) {
  const between = s.words.slice(p.last + 1, g.first);
  const negated = isNegated(s, clause, p);
  if (between.every((w) => MODIFIER_GAP.has(w.pos)) && kind !== "harm" && kind !== "negated-value") {
    // "filthy immigrants", "fucking Muslims", and "I hate Muslims" / "I can't stand them".
    return verdictOf(kind, negated);
  }
  if (kind === "harm" && !between.some(isVerb)) {
    const head = s.words[p.first] as Word;
    const opening = s.words.slice(clause.from, p.first).every((w) => w.pos === "ADV" || w.pos === "PART");
    const called =
      opening || s.units.some(isCue(clause)) || s.words.slice(clause.from, p.first).some((w) => MODALS.has(w.lower));
    if (called) return negated ? "benign" : "hostile";
    // "police deported immigrants": an event narrated, not a call.
    if (head.lower.endsWith("ed")) return "benign";
    return "unsettled";
  }
  if (between.some((w) => w.pos === "AUX" && COPULAS.has(w.lemma)) && kind !== "negated-value") {
    // "the real parasites are immigrants".
    return verdictOf(kind, negated);
  }
  return "unsettled";
}

const isCue = (clause: Clause) => (u: Unit) =>
  (u.category === CATEGORY.intent || u.category === CATEGORY.prescriptive) &&
  u.first >= clause.from &&
  u.last <= clause.to;

/** Groups named as victims ("violence against women") are not the target of the clause's hostility. */
const asVictim = (s: ParsedSentence, g: Mention) =>
  s.units.some((u) => u.category === CATEGORY.victimFrame && u.last < g.first && g.first - u.last <= 3);

/**
 * What each hostile or value word in a clause says about each group the clause
 * names. `mentions` are the clause's own, or, for a clause that continues the
 * previous one without a subject ("… and don't deserve rights"), the previous
 * clause's subject placed just before it.
 */
export function predicate(s: ParsedSentence, clause: Clause, mentions: readonly Mention[]): Finding[] {
  const findings: Finding[] = [];
  const preds = s.units.filter((u) => u.first >= clause.from && u.last <= clause.to && KIND[u.category]);
  for (const g of mentions) {
    for (const p of preds) {
      if (p.first <= g.last && p.last >= g.first) continue;
      const kind = KIND[p.category] as Finding["kind"];
      const at = { mention: [g.first, g.last] as [number, number], predicate: [p.first, p.last] as [number, number] };
      if (asVictim(s, g)) {
        findings.push({ group: g.group, verdict: "benign", kind, ...at });
        continue;
      }
      if (kind === "insult" && p.category === CATEGORY.profanity && p.last + 1 !== g.first) continue;
      if (kind === "negated-value" && valueGoverns(s, clause, p)) continue;
      // "that gay couple's photo is vile": the group owns what the predicate is about.
      if (isPossessor(s, g) && g.last < p.first) {
        findings.push({ group: g.group, verdict: "benign", kind, ...at });
        continue;
      }
      if (describesAuthor(s, clause, g)) {
        findings.push({ group: g.group, verdict: "benign", kind, ...at });
        continue;
      }
      const governed = isGoverned(s, clause, g, p);
      if (governed && g.last < p.first) {
        if (kind !== "negated-value") findings.push({ group: g.group, verdict: "unsettled", kind, ...at });
        continue;
      }
      const read = g.last < p.first ? aboutSubject(s, clause, g, p, kind) : aboutObject(s, clause, g, p, kind);
      if (kind === "negated-value" && read === "unsettled") continue;
      // Inside a relative clause ("people who want to shoot X are monsters") the hostility describes
      // someone the sentence talks about; what the author makes of it is for judgment.
      if ((read === "hostile" || read === "stated") && RELATIVE.has(s.words[clause.from]?.lower ?? "")) {
        findings.push({ group: g.group, verdict: "unsettled", kind, ...at });
        continue;
      }
      // Exclusion stated of a group ("X belong in the kitchen") demeans it; called for, it is a harm call.
      if (read === "stated") findings.push({ group: g.group, verdict: "hostile", kind: "contempt", ...at });
      else findings.push({ group: g.group, verdict: read, kind, ...at });
    }
  }
  return findings;
}
