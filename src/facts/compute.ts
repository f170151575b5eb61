import { CATEGORY, type EvaluationRequest, type Facts, signalFacts } from "../domain/index.js";
import { capitalisedIn } from "./capitalised.js";
import { analyseContext, type ContextFacts } from "./context-analysis.js";
import { distinctTerms } from "./distinct-terms.js";
import { type Evasion, evasionsOf } from "./evasion.js";
import { capEvidence, MAX_EVIDENCE } from "./evidence-cap.js";
import type { FactContext } from "./fact-context.js";
import { fold } from "./fold.js";
import type { LexiconMatch } from "./lexicon-matcher.js";
import { summariseMatches } from "./match-summary.js";
import { hasMachineShapes } from "./model-address.js";
import type { SentenceFacts } from "./sentence/analyse.js";
import { needsParse, sentenceFacts } from "./sentence/layer.js";
import { gluedCuts } from "./sentence/respace.js";
import { type Token, tokenize } from "./tokenize.js";

/** A lexicon match as a ruling shows it: what matched, and where in the text the platform sent. */
export type Evidence = {
  lexicon: string;
  term: string;
  category: string;
  group?: string;
  sentence: number;
  quoted: boolean;
  span: [number, number];
  excerpt: string;
};

/** `evidence_omitted`: matches past the evidence bound (see evidence-cap.ts), only when there are any. */
export type FactsResult = { facts: Facts; evidence: Evidence[]; evidence_omitted?: number };

/** Mentions that notify a whole room ("@everyone", "@here") address no one in particular. */
const BROADCAST: ReadonlySet<string> = new Set(["everyone", "here", "channel", "all", "everybody"]);
/** An @handle of one person: it addresses them exactly as "you" does. */
export const addressesSomeone = (t: Token): boolean => t.mention && !BROADCAST.has(t.flat);

const MENTION = {
  lexicon: "@mention",
  term: "@mention",
  category: CATEGORY.secondPerson,
  group: undefined,
  homonym: false,
};

type Reading = {
  text: string;
  matches: LexiconMatch[];
  context: ContextFacts;
  /** The matches as evidence, up to the bound (see evidence-cap.ts), and how many are left out. */
  evidence: () => { evidence: Evidence[]; omitted: number };
  /** The clause-level reading, for texts that name a group (see sentence/layer.ts). */
  sentence: SentenceFacts | undefined;
  /** Slurs written to evade a filter (see evasion.ts). */
  evasion: Evasion;
  /** A disguised slur the sentence layer read innocently: disguise says the author knew it for a slur. */
  disguisedUse: boolean;
  /** A typo'd slur read innocently: the reading is a guess, so judgment decides. */
  misspeltUse: boolean;
};

/** Normalise, match and analyse one text: the part of the facts that is about words. */
function read(original: string, ctx: FactContext): Reading {
  const folded = fold(original);
  const prepared = ctx.matcher.prepare(tokenize(folded.text), capitalisedIn(original, folded));
  const { tokens } = prepared;
  const matches = ctx.matcher.match(prepared);
  // An @handle addresses someone exactly as "you" does; it joins the cues the analysis reads.
  let cues = matches;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (!addressesSomeone(t)) continue;
    if (cues === matches) cues = [...matches];
    // Named, not `{ ...MENTION, … }`: an object spread with more fields after it takes V8's slow path.
    const { lexicon, term, category, group, homonym } = MENTION;
    const { start, end, sentence, quoted } = t;
    cues.push({ lexicon, term, category, group, homonym, first: i, last: i, start, end, sentence, quoted });
  }
  // Two object literals, not a spread of an optional group: a 64 KiB text has tens of thousands of matches,
  // and a spread per match was a third of its evaluation.
  const evidence = () => {
    const { kept, omitted } = capEvidence(matches, MAX_EVIDENCE, distinctTerms(matches));
    const shown = kept.map((m): Evidence => {
      const span = folded.toOriginal(m.start, m.end);
      const excerpt = original.slice(span[0], span[1]);
      const { lexicon, term, category, sentence, quoted } = m;
      return m.group
        ? { lexicon, term, category, group: m.group, sentence, quoted, span, excerpt }
        : { lexicon, term, category, sentence, quoted, span, excerpt };
    });
    return { evidence: shown, omitted };
  };
  // Texts that name a group get the clause-level reading; its conclusions replace the word-window ones,
  // including which slurs with innocent senses are used of people.
  // A group named by a word the lexicon lists only in phrases ("every asian", "a black coworker") still needs
  // the parser, which reads the word's role (sentence/identity-words.ts).
  const sentence = needsParse(matches, folded.text, ctx.matcher.namesGroup(prepared))
    ? sentenceFacts(
        original,
        matches,
        folded.toOriginal,
        (word) => ctx.groups.resolve(word),
        gluedCuts(tokens, folded.text, folded.toOriginal),
      )
    : undefined;
  const evasion = evasionsOf(original, folded.text, tokens, matches, folded.toOriginal);
  const sense = sentence ? (m: LexiconMatch) => !sentence.innocent.has(m) || evasion.disguised.has(m) : undefined;
  const innocentlyRead = (set: ReadonlySet<LexiconMatch>) =>
    sentence !== undefined && [...set].some((m) => sentence.innocent.has(m) && !m.quoted);
  return {
    text: folded.text,
    matches,
    context: analyseContext(cues, sense),
    evidence,
    sentence,
    evasion,
    disguisedUse: innocentlyRead(evasion.disguised),
    // A glued word the parser cannot see into is in neither its slurs nor its innocent ones.
    misspeltUse:
      innocentlyRead(evasion.misspelt) ||
      (sentence !== undefined && !sentence.slur_use && [...evasion.misspelt].some((m) => !m.quoted)),
  };
}

/** Whether a double quote is left open: straight quotes odd in number, or more opening than closing curly ones. */
function unclosedQuote(text: string): boolean {
  let straight = 0;
  let curly = 0;
  for (const ch of text) {
    if (ch === '"') straight++;
    else if (ch === "\u201c") curly++;
    else if (ch === "\u201d") curly--;
  }
  return straight % 2 === 1 || curly > 0;
}

const isAbusive = ({ context: c, sentence: s }: Reading) =>
  (s ?? c).slur_use || (s ?? c).group_derogation || (s ?? c).group_harm_call || c.threat || c.insult_to_addressee;

/**
 * The facts of one evaluation: a pure function of the request and the norm
 * set's fact context. Computed once, before any rule runs; recorded with the
 * ruling so the outcome can be explained and replayed.
 */
export function computeFacts(request: EvaluationRequest, ctx: FactContext): FactsResult {
  const original = request.content.text;
  const own = read(original, ctx);
  const { groups } = ctx;

  // Which terms, not where nor how often: the first match of each (see distinct-terms.ts).
  const { lexicons, categories, terms, flagged, targets, mentioned, slurGroups } = summariseMatches(
    distinctTerms(own.matches),
    groups,
  );
  // Membership is judged on the groups the author declared; their umbrellas are
  // only reported. Otherwise a lesbian author would count as in-group for a slur
  // aimed at gay men through the shared lgbtq umbrella.
  const declared = groups.resolveAll(request.author?.groups ?? []);
  const { sentence } = own;
  const word = own.context;
  const slurUse = sentence ? sentence.slur_use || own.disguisedUse : word.slur_use;
  const threat = word.threat || (sentence?.bodily_threat ?? false) || (sentence?.named_threat ?? false);
  const inTarget = slurUse && slurGroups.list.some((t) => declared.some((a) => groups.related(a, t)));
  const hostileElsewhere = (sentence?.hostile_groups ?? []).some((h) => !declared.some((a) => groups.related(a, h)));
  const parentText = request.context?.parent?.text;
  const parent = parentText === undefined ? undefined : read(parentText, ctx);

  const patterns = ctx.patterns.matching(own.text);
  // Machine shapes matter only where a model could be asked, i.e. where a flagged term or a
  // pattern could engage a norm; text that engages nothing does not pay for the scan.
  const engageable = flagged.list.length > 0 || patterns.length > 0;

  const facts: Facts = {
    text: own.text,
    length: original.length,
    kind: request.content.kind ?? "",
    channel: request.context?.channel ?? "",
    lexicons: lexicons.list,
    categories: categories.list,
    terms: terms.list,
    patterns,
    target_groups: targets.list,
    mentioned_groups: mentioned.list,
    // The word-level context facts, named one by one (claimed groups are resolved above, not reported): an
    // object spread here cost about 2 µs an evaluation, V8's slow path for a literal this size.
    slur_use: slurUse,
    group_derogation: sentence ? sentence.group_derogation : word.group_derogation,
    group_harm_call: sentence ? sentence.group_harm_call : word.group_harm_call,
    threat,
    insult_to_addressee: word.insult_to_addressee,
    self_harm_incitement: word.self_harm_incitement,
    quoted: word.quoted,
    reported: word.reported,
    slur_self_applied: word.slur_self_applied,
    self_reference: word.self_reference,
    addresses_other: word.addresses_other,
    denounces: sentence ? sentence.denounces : word.denounces,
    negated: word.negated,
    support: word.support,
    group_hostility: sentence?.group_hostility ?? [],
    hostile_groups: sentence?.hostile_groups ?? [],
    group_hostility_unsettled: (sentence?.group_hostility_unsettled ?? false) || (own.misspeltUse && !slurUse),
    // An unclosed quote runs to the end of the text and could swallow the author's own words: a frame read
    // from it is not settled by rules (the model or a person decides).
    counter_speech_frame: (sentence?.counter_speech_frame ?? false) && !unclosedQuote(original),
    reported_frame: (sentence?.reported_frame ?? false) && !unclosedQuote(original),
    identity_insult: sentence?.identity_insult ?? false,
    hostility_in_frame: sentence?.hostility_in_frame ?? false,
    // An author who declared groups, none of them the slur's target, is not speaking of their own.
    slur_affiliative: (sentence?.slur_affiliative ?? false) && (declared.length === 0 || inTarget),
    // A disguised spelling settles the sense: whoever masks a word knows it for a slur.
    slur_sense_unsettled: (sentence?.slur_sense_unsettled ?? false) && !own.disguisedUse,
    // In-group signals, unless the author declared groups none of which is the one spoken of.
    affiliative_address:
      (sentence?.affiliative_address ?? false) &&
      (declared.length === 0 || inTarget || ((sentence?.hostile_groups.length ?? 0) > 0 && !hostileElsewhere)),
    reclaimed_self_reference:
      inTarget &&
      (sentence?.own_slur ?? true) &&
      !word.addresses_other &&
      !word.insult_to_addressee &&
      !threat &&
      !hostileElsewhere &&
      !(sentence?.slur_aimed_at_other ?? false),
    sentence_parsed: sentence !== undefined,
    text_self_identifies: slurGroups.list.some((t) => own.context.claimed_groups.some((c) => groups.related(c, t))),
    author_groups: groups.withUmbrellas(declared),
    author_role: request.author?.role ?? "",
    author_in_target_group: inTarget,
    has_parent: parent !== undefined,
    parent_categories: parent ? [...new Set(parent.matches.map((m) => m.category))] : [],
    parent_abusive: parent ? isAbusive(parent) : false,
    echoes_parent: parent ? parent.matches.some((m) => flagged.has(m.term)) : false,
    addresses_model: categories.has(CATEGORY.modelDirective) || (engageable && hasMachineShapes(original)),
  };
  // Signals the platform sent join as `signals.<name>` facts; an absent one stays absent.
  if (request.signals) Object.assign(facts, signalFacts(request.signals));
  const { evidence, omitted } = own.evidence();
  // Two literals, not a spread of the optional count: a spread in a literal takes V8's slow path, every evaluation.
  return omitted > 0 ? { facts, evidence, evidence_omitted: omitted } : { facts, evidence };
}
