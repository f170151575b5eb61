import {
  CUE_CATEGORIES,
  type NormScores,
  OPENAI_CATEGORIES,
  type OpenAICategory,
  type PerspectiveAttribute,
  type RulingOutcome,
  type Severity,
} from "../domain/index.js";

/**
 * Compatibility scores from a ruling. Each norm declares, as data in its pack
 * (`scores`), which Perspective attributes and OpenAI categories it informs;
 * an attribute's score is the highest score of the engaged norms informing
 * it, and a norm's score is this table's value for its outcome and severity.
 *
 * These are NOT probabilities: they encode what the ruling decided, chosen so
 * the thresholds users of those APIs already apply keep working. The table is
 * monotone — every `violated` is above every `needs_review`, which is above
 * every `excepted`, which is above not engaged (0) — and rises with severity.
 */
export const SCORE_TABLE: Readonly<Record<RulingOutcome, Readonly<Record<Severity, number>>>> = {
  violated: { low: 0.8, medium: 0.85, high: 0.93, critical: 0.98 },
  needs_review: { low: 0.45, medium: 0.5, high: 0.55, critical: 0.6 },
  excepted: { low: 0.04, medium: 0.06, high: 0.08, critical: 0.1 },
};
export const NOT_ENGAGED = 0;

/** What a score needs of a ruling: its engaged norms and its evidence (a `Ruling` has both). */
export type Scorable = {
  norms: ReadonlyArray<{ id: string; outcome: RulingOutcome; severity: Severity }>;
  evidence: ReadonlyArray<{ category: string; span: readonly [number, number] }>;
};

/** A span of the text sent (UTF-16 offsets, end exclusive) and its score. */
export type SpanScore = { begin: number; end: number; score: number };
export type AttributeScore = { score: number; spans: SpanScore[] };

/** The engaged norms informing `target`, with their scores. */
function informing(
  ruling: Scorable,
  declared: (norm: string) => NormScores | undefined,
  target: (s: NormScores) => readonly string[] | undefined,
  name: string,
) {
  return ruling.norms.flatMap((n) => {
    const scores = declared(n.id);
    return scores && target(scores)?.includes(name) ? [{ scores, value: SCORE_TABLE[n.outcome][n.severity] }] : [];
  });
}

/** One Perspective attribute: its summary score and the scores of the evidence spans behind it. */
export function perspectiveScore(
  ruling: Scorable,
  declared: (norm: string) => NormScores | undefined,
  attribute: PerspectiveAttribute,
): AttributeScore {
  const norms = informing(ruling, declared, (s) => s.perspective, attribute);
  const bySpan = new Map<string, SpanScore>();
  for (const { scores, value } of norms) {
    for (const e of ruling.evidence) {
      const counts = scores.evidence ? scores.evidence.includes(e.category) : !CUE_CATEGORIES.has(e.category);
      if (!counts) continue;
      const key = `${e.span[0]}:${e.span[1]}`;
      const seen = bySpan.get(key);
      if (!seen || seen.score < value) bySpan.set(key, { begin: e.span[0], end: e.span[1], score: value });
    }
  }
  return {
    score: Math.max(NOT_ENGAGED, ...norms.map((n) => n.value)),
    spans: [...bySpan.values()].sort((a, b) => a.begin - b.begin || a.end - b.end),
  };
}

/** Every OpenAI category's score, and whether a norm informing it was violated (OpenAI's `flagged`). */
export function openaiScores(ruling: Scorable, declared: (norm: string) => NormScores | undefined) {
  const scores = {} as Record<OpenAICategory, number>;
  const flagged = {} as Record<OpenAICategory, boolean>;
  for (const category of OPENAI_CATEGORIES) {
    scores[category] = Math.max(
      NOT_ENGAGED,
      ...informing(ruling, declared, (s) => s.openai, category).map((n) => n.value),
    );
    flagged[category] = ruling.norms.some(
      (n) => n.outcome === "violated" && declared(n.id)?.openai?.includes(category),
    );
  }
  return { scores, flagged };
}
