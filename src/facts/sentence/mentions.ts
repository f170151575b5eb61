import { CATEGORY } from "../../domain/facts.js";
import type { Clause } from "./clauses.js";
import type { Mention } from "./findings.js";
import type { ParsedSentence, Unit } from "./units.js";

/** Pronouns and phrases that can point back at a group named just before. */
/** "their" is left out: it names what belongs to the group ("their fault"), not the group as subject or object. */
const ANAPHORS = new Set(["they", "them", "theyre", "these", "those"]);
/** Pronouns for one person, who may be the member of a group named before ("a trans woman joined … she …"). */
const MEMBER_ANAPHORS = new Set(["he", "she", "him", "her", "hes", "shes", "it", "its"]);
const PEOPLE_NOUNS = new Set(["people", "ones", "folks", "guys", "lot"]);

/**
 * The groups a sentence names, in order. A slur with innocent senses names a
 * group only when the clause uses it as one (`isPerson`). "they", "them", "these people"
 * refer to the last group named in this or the previous sentence
 * ("I met some trans people. They are disgusting."); `previous` is that group.
 */
export function findMentions(
  s: ParsedSentence,
  previous: string | undefined,
  isPerson: (i: number) => boolean,
): Mention[] {
  const mentions: Mention[] = [];
  let last = previous;
  for (let i = 0; i < s.words.length; i++) {
    // The longest group term starting here ("gay people", not "gay" then "people").
    const unit = longestGroupTerm(s, i);
    if (unit?.group) {
      if (unit.category === CATEGORY.identity || isPerson(s.units.indexOf(unit))) {
        mentions.push({ group: unit.group, first: unit.first, last: unit.last });
        last = unit.group;
      }
      i = unit.last;
      continue;
    }
    const w = s.words[i];
    if (!w || !last) continue;
    const bare = hasApostrophe(w.lower) ? w.lower.replace(/['’]/g, "") : w.lower;
    // "its" only as "it's" ("its door" is a possessive); "her" only as an object, not before a noun ("her bag").
    if (MEMBER_ANAPHORS.has(bare) && w.pos === "PRON") {
      mentions.push({ group: last, first: i, last: i, member: true });
      continue;
    }
    if (!ANAPHORS.has(bare)) continue;
    const next = s.words[i + 1];
    const span = next && PEOPLE_NOUNS.has(next.lower) ? i + 1 : i;
    // "these"/"those" alone are determiners of something else ("these shoes").
    if ((w.lower === "these" || w.lower === "those") && span === i && next?.pos === "NOUN") continue;
    mentions.push({ group: last, first: i, last: span });
    i = span;
  }
  return mentions;
}

/**
 * The group term starting at word i that reaches furthest, the first in unit order among equals (what a
 * stable sort of the candidates by end would put first): a scan, not a filtered and sorted copy per word.
 */
function longestGroupTerm(s: ParsedSentence, i: number): Unit | undefined {
  let best: Unit | undefined;
  for (const u of s.units)
    if (u.first === i && u.group && (u.category === CATEGORY.identity || u.category === CATEGORY.slur))
      if (best === undefined || u.last > best.last) best = u;
  return best;
}

const hasApostrophe = (word: string) => word.includes("'") || word.includes("’");

const EPITHET = new Set<string>([CATEGORY.dehumanising, CATEGORY.insult, CATEGORY.contempt]);
const DONE_TO = new Set<string>([CATEGORY.violence, CATEGORY.hostility, CATEGORY.harmVerb, CATEGORY.exclusion]);

/**
 * A clause that is only a noun phrase ending in a hostile noun ("the bugs", "filthy invaders", "savages"):
 * no verb, so it predicates nothing of its own and can only be said of someone already named.
 */
function isEpithet(s: ParsedSentence, clause: Clause): boolean {
  let end = clause.to;
  while (end >= clause.from && s.words[end]?.pos === "PUNCT") end--;
  if (end < clause.from || s.words[end]?.pos !== "NOUN") return false;
  for (let i = clause.from; i <= end; i++) {
    const pos = s.words[i]?.pos;
    if (pos !== "DET" && pos !== "ADJ" && pos !== "NOUN" && pos !== "PUNCT") return false;
  }
  return s.units.some((u) => u.last === end && u.first >= clause.from && EPITHET.has(u.category) && !u.homonym);
}

/** The mentions of one clause; a clause that continues without a subject takes the previous clause's. */
export function clauseMentions(
  all: readonly Mention[],
  clauses: readonly Clause[],
  k: number,
  s: ParsedSentence,
): Mention[] {
  const clause = clauses[k] as Clause;
  const own = all.filter((m) => m.first >= clause.from && m.last <= clause.to);
  if (own.length > 0 || k === 0) return own;
  // "…, filthy invaders": an epithet tacked on after the clauses names the group named last before it.
  // Not after violence or hostility done to the group ("gay men were attacked, the cowards"): the epithet may be
  // for whoever did it.
  if (isEpithet(s, clause)) {
    const named = all.filter((m) => m.last < clause.from).at(-1);
    const doneTo =
      named && s.units.some((u) => u.first > named.last && u.last < clause.from && DONE_TO.has(u.category));
    return named && !doneTo ? [{ group: named.group, first: clause.from - 1, last: clause.from - 1 }] : [];
  }
  const first = s.words[clause.from];
  const continues = first && (first.pos === "VERB" || first.pos === "AUX" || first.pos === "PART");
  if (!continues) return own;
  const before = clauses[k - 1] as Clause;
  const subject = all.find((m) => m.first >= before.from && m.last <= before.to);
  return subject
    ? [
        {
          group: subject.group,
          first: clause.from - 1,
          last: clause.from - 1,
          ...(subject.member ? { member: true as const } : {}),
        },
      ]
    : [];
}
