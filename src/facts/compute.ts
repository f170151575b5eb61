import { CATEGORY, CUE_CATEGORIES, type EvaluationRequest, type Facts } from "../domain/index.js";
import { analyseContext } from "./context-analysis.js";
import type { FactContext } from "./fact-context.js";
import { fold } from "./fold.js";
import type { LexiconMatch } from "./lexicon-matcher.js";
import { tokenize } from "./tokenize.js";

/** A lexicon match with its span in the text the platform sent. */
export type Evidence = Omit<LexiconMatch, "first" | "last" | "start" | "end"> & {
  span: [number, number];
  excerpt: string;
};

export type FactsResult = { facts: Facts; evidence: Evidence[] };

type TextReading = { text: string; matches: LexiconMatch[]; context: ReturnType<typeof analyseContext> };

function read(text: string, ctx: FactContext): TextReading & { toOriginal: (m: LexiconMatch) => [number, number] } {
  const folded = fold(text);
  const tokens = tokenize(folded.text);
  const matches = ctx.matcher.match(tokens);
  const mentions = tokens.flatMap((t, i) => (t.mention ? [i] : []));
  const context = analyseContext(matches, mentions);
  const toOriginal = (m: LexiconMatch): [number, number] => folded.toOriginal(m.start, m.end);
  return { text: folded.text, matches, context, toOriginal };
}

const unique = (values: Iterable<string>) => [...new Set(values)];

const isAbusive = (c: TextReading["context"]) =>
  c.slur_use || c.group_derogation || c.group_harm_call || c.threat || c.insult_to_addressee;

/**
 * The facts of one evaluation: a pure function of the request and the norm
 * set's fact context. Computed once, before any rule runs; recorded with the
 * ruling so the outcome can be explained and replayed.
 */
export function computeFacts(request: EvaluationRequest, ctx: FactContext): FactsResult {
  const original = request.content.text;
  const own = read(original, ctx);
  const { matches, context } = own;

  const slurs = matches.filter((m) => m.category === CATEGORY.slur && m.group);
  const targetGroups = unique(slurs.flatMap((m) => ctx.groups.closure(m.group as string)));
  const mentioned = unique(
    matches
      .filter((m) => m.category === CATEGORY.identity && m.group)
      .flatMap((m) => ctx.groups.closure(m.group as string)),
  );
  const authorGroups = ctx.groups.resolveAll(request.author?.groups ?? []);
  const authorInTarget = slurs.some((m) => authorGroups.some((a) => ctx.groups.related(a, m.group as string)));

  const parentText = request.context?.parent?.text;
  const parent = parentText === undefined ? undefined : read(parentText, ctx);
  const flaggedTerms = new Set(matches.filter((m) => !CUE_CATEGORIES.has(m.category)).map((m) => m.term));

  const facts: Facts = {
    text: own.text,
    length: original.length,
    kind: request.content.kind ?? "",
    channel: request.context?.channel ?? "",
    lexicons: unique(matches.map((m) => m.lexicon)),
    categories: unique(matches.map((m) => m.category)),
    terms: unique(matches.map((m) => m.term)),
    patterns: ctx.patterns.filter((p) => p.regex.test(own.text)).map((p) => p.id),
    target_groups: targetGroups,
    mentioned_groups: mentioned,
    ...context,
    author_groups: authorGroups,
    author_role: request.author?.role ?? "",
    author_in_target_group: authorInTarget,
    has_parent: parent !== undefined,
    parent_categories: parent ? unique(parent.matches.map((m) => m.category)) : [],
    parent_abusive: parent ? isAbusive(parent.context) : false,
    echoes_parent: parent ? parent.matches.some((m) => flaggedTerms.has(m.term)) : false,
  };
  const evidence = matches.map(({ first: _f, last: _l, start: _s, end: _e, ...m }, i) => {
    const span = own.toOriginal(matches[i] as LexiconMatch);
    return { ...m, span, excerpt: original.slice(span[0], span[1]) };
  });
  return { facts, evidence };
}
