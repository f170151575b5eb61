import { CATEGORY, type FactName } from "../domain/index.js";
import type { Evidence } from "../facts/compute.js";
import type { GroupIndex } from "../facts/groups.js";

/**
 * Which evidence facts can vouch for which flagged words. A fact an
 * exception's evidence relies on either locates the words it is about — the
 * term is quoted, follows "called me", is applied by the author to themselves,
 * targets a group the author belongs to — or it is a cue somewhere in the text
 * ("not okay", a support phrase) that says nothing about which words it
 * concerns, and so can be supplied by whoever wants an exception. Only the
 * first kind lets a model's "exception applies" stand; platform-declared
 * context (kind, channel) vouches for the whole content.
 *
 * The table is keyed by fact, not by exception id: any norm whose exception
 * evidence names these facts gets the same check.
 */
export type CoverReading = {
  evidence: readonly Evidence[];
  /** Matches the evaluation left out of `evidence` (facts/evidence-cap.ts): then the evidence is not all there. */
  evidenceOmitted?: number | undefined;
  groups: GroupIndex;
  /** Group ids the platform declared for the author, known to the pack; free text never counts. */
  declared: readonly string[];
};

type Cover = (term: Evidence, r: CoverReading) => boolean;

const inSentence = (r: CoverReading, term: Evidence, categories: readonly string[]) =>
  r.evidence.filter((e) => e.sentence === term.sentence && categories.includes(e.category));
const before = (cue: Evidence, term: Evidence) => cue.span[1] <= term.span[0];
const reportedBefore = (term: Evidence, r: CoverReading) =>
  inSentence(r, term, [CATEGORY.reportedSpeech]).some((c) => before(c, term));
const selfBefore = (term: Evidence, r: CoverReading) =>
  inSentence(r, term, [CATEGORY.selfReference]).some((c) => before(c, term));
const member = (term: Evidence, groups: readonly string[], r: CoverReading) =>
  term.group !== undefined && groups.some((g) => r.groups.related(g, term.group as string));
/** Groups the text says the author belongs to: an identity term after a self-reference ("as a gay man", "we trans people"). */
const claimed = (r: CoverReading) =>
  r.evidence
    .filter((e) => e.category === CATEGORY.identity && e.group && selfBefore(e, r))
    .map((e) => e.group as string);
/** Context the platform declares, not the author: it vouches for the whole content. */
export const CONTENT_WIDE: ReadonlySet<string> = new Set<FactName>(["kind", "channel"]);
const everywhere: Cover = () => true;

/**
 * Quotation marks alone are scare quotes as often as quotation ("Sam is a "X"", ""X" - that's you" in a
 * language the pack cannot read): a quoted term counts as quoted speech only in a sentence that, outside
 * the quote, frames it as someone's words, a word as such, or something condemned.
 */
const framed = (term: Evidence, r: CoverReading) =>
  inSentence(r, term, [CATEGORY.reportedSpeech, CATEGORY.denouncement]).some((c) => !c.quoted);

export const SPAN_COVER: Partial<Record<FactName, Cover>> = {
  quoted: (term, r) => term.quoted && framed(term, r),
  reported: reportedBefore,
  slur_self_applied: (term, r) =>
    term.category === CATEGORY.slur && !term.quoted && selfBefore(term, r) && !reportedBefore(term, r),
  self_reference: (term, r) => inSentence(r, term, [CATEGORY.selfReference, CATEGORY.selfPossessive]).length > 0,
  author_in_target_group: (term, r) => member(term, r.declared, r),
  text_self_identifies: (term, r) => member(term, claimed(r), r),
  kind: everywhere,
  channel: everywhere,
};

/** Which flagged categories a norm's trigger fact is about, so coverage is asked of the words that engaged the norm. */
export const TRIGGER_TERMS: Partial<Record<FactName, readonly string[]>> = {
  slur_use: [CATEGORY.slur],
  insult_to_addressee: [CATEGORY.insult, CATEGORY.contempt, CATEGORY.dehumanising],
  group_derogation: [CATEGORY.contempt, CATEGORY.dehumanising, CATEGORY.hostility],
  group_harm_call: [CATEGORY.violence, CATEGORY.exclusion],
  threat: [CATEGORY.violence],
  self_harm_incitement: [CATEGORY.selfHarmIncitement],
};
