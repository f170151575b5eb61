import { CUE_CATEGORIES } from "../domain/index.js";
import type { Evidence } from "../facts/compute.js";

/**
 * The most matches one ruling records as evidence. Ordinary texts have a handful; a 64 KiB text can have tens
 * of thousands (every "you" of "you moron, you moron, …"), megabytes of JSON written, answered and shown to a
 * moderator for nothing: the facts already say what was found. Evaluation itself always sees every match.
 */
export const MAX_RECORDED_EVIDENCE = 500;

/**
 * The evidence a ruling records: all of it up to MAX_RECORDED_EVIDENCE; past that, flagged terms (slurs,
 * insults, threats…) before cue words (pronouns, identity terms), each kind in text order, the kept ones in
 * text order. `omitted` counts the rest.
 */
export function recordedEvidence(evidence: Evidence[]): { kept: Evidence[]; omitted: number } {
  if (evidence.length <= MAX_RECORDED_EVIDENCE) return { kept: evidence, omitted: 0 };
  const keep = new Set<number>();
  for (const cues of [false, true])
    for (let i = 0; i < evidence.length && keep.size < MAX_RECORDED_EVIDENCE; i++)
      if (CUE_CATEGORIES.has((evidence[i] as Evidence).category) === cues) keep.add(i);
  return { kept: evidence.filter((_, i) => keep.has(i)), omitted: evidence.length - keep.size };
}
