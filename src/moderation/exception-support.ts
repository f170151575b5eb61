import { CATEGORY, type ConditionTrace, CUE_CATEGORIES, type FactName, type NormResult } from "../domain/index.js";
import type { Evidence } from "../facts/compute.js";
import { addressesSomeone } from "../facts/compute.js";
import { fold } from "../facts/fold.js";
import { quoteSpans, tokenize } from "../facts/tokenize.js";
import { CONTENT_WIDE, type CoverReading, SPAN_COVER, TRIGGER_TERMS } from "./span-cover.js";

/**
 * Whether a model's "exception applies" may stand. A model can be talked into
 * any answer by the text it reads, in any language or encoding, so its answer
 * only chooses among exceptions the rules themselves support: the exception's
 * evidence held, every flagged word that engaged the norm is vouched for by a
 * fact of that evidence which locates it (span-cover.ts), and the content
 * speaks to no one — an exception never lets flagged words reach a person the
 * author addresses. Anything else goes to a moderator.
 */
export type Support = { ok: true } | { ok: false; detail: string };

type Leaf = Extract<ConditionTrace, { fact: string }>;

/** The leaves whose truth made a condition tree hold: under a held `any`/`all`, never under `not`. */
function heldLeaves(t: ConditionTrace | undefined): Leaf[] {
  if (!t || t.result === false || "not" in t) return [];
  if ("all" in t) return t.all.flatMap(heldLeaves);
  if ("any" in t) return t.any.flatMap(heldLeaves);
  return t.result === true ? [t] : [];
}

/** A leaf that asserts something present (quoted = true, kind in [news]), not an absence (addresses_other = false). */
const asserts = (l: Leaf) =>
  (l.operator === "equal" && l.value === true) ||
  ((l.operator === "equal" || l.operator === "in") && typeof l.fact_value === "string" && l.fact_value !== "");

/** The flagged words that engaged the norm: those its trigger facts are about, or every flagged word. */
function engagedTerms(r: NormResult, evidence: readonly Evidence[]): Evidence[] {
  const categories = new Set<string>();
  for (const l of heldLeaves(r.trace.trigger)) {
    for (const c of TRIGGER_TERMS[l.fact as FactName] ?? []) categories.add(c);
    if (l.fact === "categories" && l.operator === "contains") categories.add(String(l.value));
  }
  const flagged = evidence.filter((e) => !CUE_CATEGORIES.has(e.category) && e.category !== CATEGORY.profanity);
  const engaged = flagged.filter((e) => categories.has(e.category));
  return engaged.length > 0 ? engaged : flagged;
}

/**
 * Someone the content speaks to: "you"/"your" or an @handle, unless it sits in
 * closed quotation marks in a sentence reporting what was said to the author
 * ("he told me "you are …""). A quote no one is reported to have said, or an
 * unclosed one, is the author's own address.
 */
function addressee(text: string, evidence: readonly Evidence[]): string | undefined {
  const folded = fold(text);
  const unclosed = quoteSpans(folded.text).find(([, close]) => close === folded.text.length)?.[0];
  const openAt = unclosed === undefined ? undefined : folded.toOriginal(unclosed, unclosed + 1)[0];
  const outside = (e: Evidence) => !e.quoted || (openAt !== undefined && e.span[0] > openAt);
  const reportedToAuthor = (sentence: number) =>
    [CATEGORY.reportedSpeech, CATEGORY.selfPossessive].every((c) =>
      evidence.some((e) => e.sentence === sentence && e.category === c && outside(e)),
    );
  const speaksTo = (quoted: boolean, sentence: number) => !quoted || !reportedToAuthor(sentence);
  const you = [CATEGORY.secondPerson, CATEGORY.secondPersonPossessive] as string[];
  const cue = evidence.find((e) => you.includes(e.category) && speaksTo(!outside(e), e.sentence));
  if (cue) return cue.excerpt ?? cue.term;
  const mention = tokenize(folded.text).find(
    (t) => addressesSomeone(t) && speaksTo(t.quoted && (unclosed === undefined || t.start <= unclosed), t.sentence),
  );
  return mention ? `@${mention.flat}` : undefined;
}

export function exceptionSupport(r: NormResult, exception: string, text: string, reading: CoverReading): Support {
  const trace = r.trace.exceptions.find((e) => e.id === exception);
  if (!trace?.holds || !trace.evidence) {
    return { ok: false, detail: `the rules found no evidence for the exception "${exception}"` };
  }
  const vouching = heldLeaves(trace.evidence).filter((l) => asserts(l) && SPAN_COVER[l.fact as FactName]);
  if (vouching.length === 0) {
    const cues = heldLeaves(trace.evidence).map((l) => l.fact);
    return {
      ok: false,
      detail: `the evidence for "${exception}" (${cues.join(", ")}) does not locate the flagged words`,
    };
  }
  // Every flagged word must be vouched for and no one addressed: neither can be shown on evidence cut short.
  if (reading.evidenceOmitted) {
    return {
      ok: false,
      detail: `the text has ${reading.evidence.length + reading.evidenceOmitted} matches, more than the ${reading.evidence.length} of evidence that can be checked: a moderator decides`,
    };
  }
  const terms = engagedTerms(r, reading.evidence);
  // Nothing to locate (a norm engaged by a pattern alone): only context the platform declared can vouch.
  if (terms.length === 0 && !vouching.some((l) => CONTENT_WIDE.has(l.fact))) {
    return { ok: false, detail: `the flagged content has no words the evidence for "${exception}" could locate` };
  }
  for (const term of terms) {
    if (!vouching.some((l) => SPAN_COVER[l.fact as FactName]?.(term, reading))) {
      const where = term.excerpt ?? term.term;
      return {
        ok: false,
        detail: `no evidence for "${exception}" (${vouching.map((l) => l.fact).join(", ")}) covers "${where}" at ${term.span.join("-")}`,
      };
    }
  }
  const to = addressee(text, reading.evidence);
  if (to !== undefined) {
    return {
      ok: false,
      detail: `the content addresses someone ("${to}"): an exception would let the flagged words reach them`,
    };
  }
  return { ok: true };
}
