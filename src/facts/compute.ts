import { CATEGORY, CUE_CATEGORIES, type EvaluationRequest, type Facts } from "../domain/index.js";
import { capitalisedIn } from "./capitalised.js";
import { analyseContext, type ContextFacts } from "./context-analysis.js";
import type { FactContext } from "./fact-context.js";
import { fold } from "./fold.js";
import type { LexiconMatch } from "./lexicon-matcher.js";
import { hasMachineShapes } from "./model-address.js";
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

export type FactsResult = { facts: Facts; evidence: Evidence[] };

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

type Reading = { text: string; matches: LexiconMatch[]; context: ContextFacts; evidence: () => Evidence[] };

/** Normalise, match and analyse one text: the part of the facts that is about words. */
function read(original: string, ctx: FactContext): Reading {
  const folded = fold(original);
  const tokens = ctx.matcher.prepare(tokenize(folded.text), capitalisedIn(original, folded));
  const matches = ctx.matcher.match(tokens);
  // An @handle addresses someone exactly as "you" does; it joins the cues the analysis reads.
  const cues = [...matches];
  for (const [i, t] of tokens.entries()) {
    if (!addressesSomeone(t)) continue;
    cues.push({ ...MENTION, first: i, last: i, start: t.start, end: t.end, sentence: t.sentence, quoted: t.quoted });
  }
  const evidence = () =>
    matches.map((m): Evidence => {
      const span = folded.toOriginal(m.start, m.end);
      return {
        lexicon: m.lexicon,
        term: m.term,
        category: m.category,
        ...(m.group ? { group: m.group } : {}),
        sentence: m.sentence,
        quoted: m.quoted,
        span,
        excerpt: original.slice(span[0], span[1]),
      };
    });
  return { text: folded.text, matches, context: analyseContext(cues), evidence };
}

const withoutClaims = ({ claimed_groups: _c, ...rest }: ContextFacts) => rest;

const isAbusive = (c: ContextFacts) =>
  c.slur_use || c.group_derogation || c.group_harm_call || c.threat || c.insult_to_addressee;

/**
 * The facts of one evaluation: a pure function of the request and the norm
 * set's fact context. Computed once, before any rule runs; recorded with the
 * ruling so the outcome can be explained and replayed.
 */
export function computeFacts(request: EvaluationRequest, ctx: FactContext): FactsResult {
  const original = request.content.text;
  const own = read(original, ctx);
  const { groups } = ctx;

  const lexicons = new Set<string>();
  const categories = new Set<string>();
  const terms = new Set<string>();
  const flagged = new Set<string>();
  const targets = new Set<string>();
  const mentioned = new Set<string>();
  const slurGroups: string[] = [];
  for (const m of own.matches) {
    lexicons.add(m.lexicon);
    categories.add(m.category);
    terms.add(m.term);
    if (!CUE_CATEGORIES.has(m.category)) flagged.add(m.term);
    if (!m.group) continue;
    if (m.category === CATEGORY.slur) {
      slurGroups.push(m.group);
      for (const g of groups.closure(m.group)) targets.add(g);
    } else if (m.category === CATEGORY.identity) {
      for (const g of groups.closure(m.group)) mentioned.add(g);
    }
  }
  // Membership is judged on the groups the author declared; their umbrellas are
  // only reported. Otherwise a lesbian author would count as in-group for a slur
  // aimed at gay men through the shared lgbtq umbrella.
  const declared = groups.resolveAll(request.author?.groups ?? []);
  const parentText = request.context?.parent?.text;
  const parent = parentText === undefined ? undefined : read(parentText, ctx);

  const patterns = ctx.patterns.matching(own.text);
  // Machine shapes matter only where a model could be asked, i.e. where a flagged term or a
  // pattern could engage a norm; text that engages nothing does not pay for the scan.
  const engageable = flagged.size > 0 || patterns.length > 0;

  const facts: Facts = {
    text: own.text,
    length: original.length,
    kind: request.content.kind ?? "",
    channel: request.context?.channel ?? "",
    lexicons: [...lexicons],
    categories: [...categories],
    terms: [...terms],
    patterns,
    target_groups: [...targets],
    mentioned_groups: [...mentioned],
    ...withoutClaims(own.context),
    text_self_identifies: slurGroups.some((t) => own.context.claimed_groups.some((c) => groups.related(c, t))),
    author_groups: groups.withUmbrellas(declared),
    author_role: request.author?.role ?? "",
    author_in_target_group: slurGroups.some((t) => declared.some((a) => groups.related(a, t))),
    has_parent: parent !== undefined,
    parent_categories: parent ? [...new Set(parent.matches.map((m) => m.category))] : [],
    parent_abusive: parent ? isAbusive(parent.context) : false,
    echoes_parent: parent ? parent.matches.some((m) => flagged.has(m.term)) : false,
    addresses_model: categories.has(CATEGORY.modelDirective) || (engageable && hasMachineShapes(original)),
  };
  return { facts, evidence: own.evidence() };
}
