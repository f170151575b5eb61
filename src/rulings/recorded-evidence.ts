import type { Evidence } from "../facts/compute.js";
import { capEvidence, MAX_EVIDENCE } from "../facts/evidence-cap.js";

/** The most matches one ruling records as evidence: the evaluation's own bound (see facts/evidence-cap.ts). */
export const MAX_RECORDED_EVIDENCE = MAX_EVIDENCE;

/**
 * The evidence a ruling records: all of it up to MAX_RECORDED_EVIDENCE; past that, flagged terms (slurs,
 * insults, threats…) before cue words (pronouns, identity terms), each kind in text order, the kept ones in
 * text order. `omitted` counts the rest, with `omittedBefore`: matches the evaluation itself left out.
 */
export function recordedEvidence(evidence: Evidence[], omittedBefore = 0): { kept: Evidence[]; omitted: number } {
  const { kept, omitted } = capEvidence(evidence, MAX_RECORDED_EVIDENCE);
  return { kept, omitted: omitted + omittedBefore };
}
