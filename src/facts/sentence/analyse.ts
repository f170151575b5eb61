import { CATEGORY } from "../../domain/facts.js";
import { clauseOf, splitClauses } from "./clauses.js";
import { deniesAnyGood } from "./existential.js";
import type { Finding, Mention } from "./findings.js";
import { type Frame, findFrames } from "./frames.js";
import { negativeGeneralisation } from "./generalisation.js";
import { deniesOwnName } from "./identity-denial.js";
import { type GroupResolver, identityWords } from "./identity-words.js";
import { claimsGroup, inGroupAddress, interjection, speaksAsWe } from "./ingroup.js";
import { innocentSense, objectOfThingVerb } from "./innocent-sense.js";
import { asksInsinuation, insinuates } from "./insinuation.js";
import { clauseMentions, findMentions } from "./mentions.js";
import { parseSentences } from "./nlp.js";
import { adjectiveUse, charged, hostileBeside, plainDetermined, pointedAt } from "./open-sense.js";
import { threatensNamedTarget } from "./person-threat.js";
import { isNegated } from "./polarity.js";
import { predicate } from "./predication.js";
import { questionedDenial } from "./question.js";
import { reducesGroup } from "./reductive.js";
import { refusesGroup } from "./refusal.js";
import { saidOfUnknownNoun, usedOfPeople } from "./sense.js";
import { affiliative, bodilyThreat, generalises, identityInsult, slurAimed, stray } from "./signals.js";
import { inside, placeMatches, type SpannedMatch } from "./units.js";
import { fixedExpressionWords } from "./valence.js";
import { announcedAgainstGroup } from "./veiled-threat.js";

/** What the sentence layer concludes about a text (see FACT_CATALOGUE for each fact). */
export type SentenceFacts = {
  slur_use: boolean;
  group_derogation: boolean;
  group_harm_call: boolean;
  group_hostility: string[];
  hostile_groups: string[];
  group_hostility_unsettled: boolean;
  counter_speech_frame: boolean;
  reported_frame: boolean;
  identity_insult: boolean;
  bodily_threat: boolean;
  /** Violence announced or called for against a named person, a person noun or a group (person-threat.ts). */
  named_threat: boolean;
  /** Matches (by index) of slurs read in an innocent sense (a food, a place, a gap). */
  innocent_terms: number[];
  /** A slur used outside any frame or quotation: the author's own use. */
  own_slur: boolean;
  /** Denouncement language, not negated and not inside reported words. */
  denounces: boolean;
  hostility_in_frame: boolean;
  slur_affiliative: boolean;
  /** A slur or hostile mention with an in-group signal (owned by the author, solidarity addressed to a group). */
  affiliative_address: boolean;
  /** Every slur's sense is open: nothing in its clause says it is of people, and nothing hostile is near. */
  slur_sense_unsettled: boolean;
  /** A slur said to someone: addressed ("you X") or a vocative beside an imperative ("shut up, X"). */
  slur_aimed_at_other: boolean;
};

type Tally = {
  own: boolean;
  mentioned: boolean;
  counter: boolean;
  reported: boolean;
  reportedAny: boolean;
  unsettled: boolean;
  affiliative: boolean;
  /** Settled hostility about a group outside any frame (slurs aside). */
  ownGroupHostility: boolean;
  /** Slurs whose sense the sentence leaves open, and slurs it settles as of people. */
  senseOpen: boolean;
  senseSettled: boolean;
};

/**
 * Parses the text once and reads, clause by clause, who each group term is
 * about and what is predicated of it; which words are only mentioned inside a
 * speech-act frame or quotation; and whether the author adds hostility of
 * their own. Pure: a function of the text and its lexicon matches.
 */
export function analyseSentences(
  original: string,
  matches: readonly SpannedMatch[],
  resolve: GroupResolver = () => undefined,
): SentenceFacts {
  const out: SentenceFacts = {
    slur_use: false,
    group_derogation: false,
    group_harm_call: false,
    group_hostility: [],
    hostile_groups: [],
    group_hostility_unsettled: false,
    counter_speech_frame: false,
    reported_frame: false,
    identity_insult: false,
    bodily_threat: false,
    named_threat: false,
    slur_aimed_at_other: false,
    hostility_in_frame: false,
    slur_affiliative: false,
    affiliative_address: false,
    slur_sense_unsettled: false,
    own_slur: false,
    denounces: false,
    innocent_terms: [],
  };
  const tally: Tally = {
    own: false,
    mentioned: false,
    counter: false,
    reported: false,
    reportedAny: false,
    unsettled: false,
    affiliative: false,
    ownGroupHostility: false,
    senseOpen: false,
    senseSettled: false,
  };
  const kinds = new Set<string>();
  const groups = new Set<string>();
  let previous: string | undefined;
  let previousNamed = false;
  let previousAsked = false;
  for (const s of placeMatches(parseSentences(original), matches)) {
    const named = identityWords(s, resolve);
    if (named.length > 0) s.units = [...s.units, ...named].sort((a, b) => a.first - b.first);
    const fixed = fixedExpressionWords(s);
    const clauses = splitClauses(s.words, fixed);
    const frames: Frame[] = findFrames(s);
    const frameSpans = frames.map((f) => f.span);
    const spans = [...frameSpans];
    for (const u of s.units) if (u.quoted) spans.push([u.first, u.last]);
    const framed = (a: number, b: number) => inside(a, spans) && inside(b, spans);
    // Asked two or three times of each slur (mentions, its sense, whether it is open): read once a unit.
    const personAt: Array<boolean | undefined> = [];
    const isPerson = (k: number) => {
      const u = s.units[k];
      if (u === undefined) return false;
      personAt[k] ??= usedOfPeople(s, clauseOf(clauses, u.first), u);
      return personAt[k];
    };
    // A term marked homonym needs a clause that uses it of people; any other slur counts unless
    // the clause shows an innocent sense ("faggots and mash", "Offa's Dyke", "a chink in …").
    const usedAsSlur = (k: number) => {
      const u = s.units[k];
      if (!u) return false;
      return u.homonym ? isPerson(k) && !objectOfThingVerb(s, u) : isPerson(k) || !innocentSense(s, u);
    };
    const mentions = findMentions(s, previous, usedAsSlur);
    previous = mentions.at(-1)?.group ?? previous;
    const inClauses = clauses.map((_, k) => clauseMentions(mentions, clauses, k, s));
    // Pushed clause by clause, in the same order as a flatMap of spreads, without an array per clause.
    const findings: Finding[] = [];
    clauses.forEach((c, k) => {
      findings.push(...predicate(s, c, inClauses[k] as Mention[]));
      findings.push(...deniesOwnName(s, c, inClauses[k] as Mention[]));
    });
    const ofMember = (f: Finding) => inClauses.some((ms) => ms.some((m) => m.member && m.first === f.mention[0]));
    const note = (hostile: boolean, a: number, b: number) => {
      if (!hostile) return;
      if (framed(a, b)) tally.mentioned = true;
      else tally.own = true;
    };
    for (const f of findings) {
      // A frame's own predicate judges the act, not the group inside it ("calling X leeches is disgusting").
      if (framed(...f.mention) !== framed(...f.predicate)) continue;
      if (interjection(s, f)) continue;
      // Unsettled hostility inside a frame is still hostility the author only mentions ("if you think X deserve Y").
      if (f.verdict === "unsettled") {
        if (framed(...f.mention)) tally.mentioned = true;
        else tally.unsettled = true;
      }
      if (f.verdict !== "hostile") continue;
      // Said of one member ("… she is a disgusting pervert"): about the person or the group, judgment decides.
      if (!framed(...f.mention) && ofMember(f)) {
        tally.unsettled = true;
        continue;
      }
      note(true, ...f.mention);
      if (!framed(...f.mention)) tally.ownGroupHostility = true;
      if (inGroupAddress(s, f.mention[0]) || claimsGroup(s, f.group)) out.affiliative_address = true;
      kinds.add(f.kind);
      groups.add(f.group);
      if (f.kind === "harm") out.group_harm_call = true;
      else out.group_derogation = true;
    }
    s.units.forEach((u, k) => {
      if (u.category !== CATEGORY.slur) return;
      if (!usedAsSlur(k)) {
        // "look at this X", "ban that X": pointed at, as a person in view is, with nothing showing a thing.
        // Listed as innocent too, so a disguised spelling still counts as the slur (compute.ts).
        // A slur whose slur sense dominates, read innocently beside hostility ("X restaurant serves rat, vile"):
        // the structure's innocent reading is a guess the hostility contradicts, so judgment decides.
        const contested = !u.homonym && hostileBeside(s);
        if (contested || (pointedAt(s, u) && !innocentSense(s, u) && !objectOfThingVerb(s, u))) {
          out.slur_use = true;
          tally.senseOpen = true;
        }
        out.innocent_terms.push(u.index);
        return;
      }
      out.slur_use = true;
      // Said of someone the pack does not know ("the ref is a X") is the slur sense, except for a term
      // marked homonym ("that hike was a X"), whose sense stays open.
      const saidOfSomeone = saidOfUnknownNoun(s, clauseOf(clauses, u.first), u);
      const open = u.homonym ? !isPerson(k) || saidOfSomeone : !isPerson(k) && (!saidOfSomeone || adjectiveUse(s, u));
      if (open && plainDetermined(s, u) && !charged(s, clauseOf(clauses, u.first))) tally.senseOpen = true;
      else tally.senseSettled = true;
      if (!framed(u.first, u.last)) out.own_slur = true;
      // Owned by the author, said among a "we", or with solidarity addressed to the group: in-group usage.
      if (affiliative(s, u) || inGroupAddress(s, u.first) || speaksAsWe(s, u)) tally.affiliative = true;
      if (inGroupAddress(s, u.first)) out.affiliative_address = true;
      note(true, u.first, u.last);
    });
    // Denouncement counts where it is not negated ("I'm not racist, but …") and not inside reported words.
    const denouncing = s.units.some(
      (u) =>
        u.category === CATEGORY.denouncement &&
        !inside(u.first, frameSpans) &&
        !isNegated(s, clauseOf(clauses, u.first), u),
    );
    if (denouncing) out.denounces = true;
    const insult = identityInsult(s, clauses);
    if (insult) {
      out.identity_insult = true;
      out.group_derogation = true;
      kinds.add("identity-insult");
      note(true, insult.first, insult.last);
    }
    if (bodilyThreat(s, clauses)) out.bodily_threat = true;
    if (threatensNamedTarget(s, clauses, frameSpans)) out.named_threat = true;
    // A verbless fragment after a sentence naming a group may be about it ("Muslims moved in. Disgusting.").
    const fragment = previousNamed && !s.words.some((w) => w.pos === "VERB" || w.pos === "AUX");
    if ((mentions.length > 0 || fragment) && stray(s, clauses, findings, mentions, spans)) tally.unsettled = true;
    const unframed = mentions.filter((m) => !framed(m.first, m.last));
    if (generalises(s, clauses, unframed) || negativeGeneralisation(s, clauses, unframed)) tally.unsettled = true;
    if (announcedAgainstGroup(s, clauses, unframed) || reducesGroup(s, clauses, unframed)) tally.unsettled = true;
    if (questionedDenial(s, clauses, findings) || deniesAnyGood(s, unframed)) tally.unsettled = true;
    if (insinuates(s, clauses, unframed, previousNamed, framed, resolve)) tally.unsettled = true;
    if (previousAsked && unframed.length > 0) tally.unsettled = true;
    const unframedIn = (k: number) => (inClauses[k] as Mention[]).filter((m) => !framed(m.first, m.last));
    if (clauses.some((c, k) => refusesGroup(s.words, c, unframedIn(k)))) tally.unsettled = true;
    previousAsked = asksInsinuation(s, clauses, mentions, framed);
    previousNamed = mentions.length > 0;
    if (slurAimed(s)) out.slur_aimed_at_other = true;
    if (frames.some((f) => f.kind === "counter")) tally.counter = true;
    if (frames.some((f) => f.kind === "reported")) tally.reportedAny = true;
    if (frames.some((f) => f.kind === "reported" && f.atAuthor)) tally.reported = true;
  }
  out.group_hostility = [...kinds];
  out.hostile_groups = [...groups];
  const onlyMentioned = tally.mentioned && !tally.own && !tally.unsettled;
  out.counter_speech_frame = onlyMentioned && tally.counter;
  out.reported_frame = onlyMentioned && (tally.reported || (tally.reportedAny && out.denounces));
  out.group_hostility_unsettled = tally.unsettled && !out.group_derogation && !out.group_harm_call;
  out.hostility_in_frame = tally.mentioned;
  out.slur_affiliative = tally.affiliative && !tally.ownGroupHostility;
  out.slur_sense_unsettled = tally.senseOpen && !tally.senseSettled && !tally.ownGroupHostility;
  return out;
}
