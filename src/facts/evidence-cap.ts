import { CUE_CATEGORIES } from "../domain/index.js";

/**
 * The most matches one evaluation carries as evidence, and so the most a ruling records. Ordinary texts have a
 * handful; a 64 KiB text can have tens of thousands (every "you" of "you moron, you moron, …", every woman of a
 * family emoji). Building, keeping and reading them all was most of such a text's evaluation (and of the
 * garbage collector's pauses), for nothing: the facts are computed from every match, before this bound, and
 * say what was found. Where the bound is reached, `evidence_omitted` says so, and a model's exception is not
 * trusted on evidence that is not all there (moderation/exception-support.ts): such a case goes to review.
 */
export const MAX_EVIDENCE = 500;

/**
 * All of `items` up to `max`; past that, flagged terms (slurs, insults, threats…) before cue words (pronouns,
 * identity terms), each kind in text order, the kept ones in text order. `omitted` counts the rest.
 */
export function capEvidence<T extends { category: string }>(
  items: readonly T[],
  max = MAX_EVIDENCE,
  kinds: readonly { category: string }[] = items,
): { kept: T[]; omitted: number } {
  if (items.length <= max) return { kept: items as T[], omitted: 0 };
  // Both walks stop once they know enough: a 64 KiB text's tens of thousands of matches are not all read
  // twice to keep 500 of them. Flagged ones are counted only up to the bound (past it, no cue is kept).
  const flagged = flaggedUpTo(items, max, kinds);
  let flaggedLeft = flagged;
  let cuesLeft = max - flagged;
  const kept: T[] = [];
  for (let i = 0; i < items.length && flaggedLeft + cuesLeft > 0; i++) {
    const m = items[i] as T;
    if (!CUE_CATEGORIES.has(m.category)) {
      if (flaggedLeft === 0) continue;
      flaggedLeft--;
    } else {
      if (cuesLeft === 0) continue;
      cuesLeft--;
    }
    kept.push(m);
  }
  return { kept, omitted: items.length - kept.length };
}

/**
 * How many of `items` are flagged, counted up to `max`. `kinds`, the categories the items have (their distinct
 * terms, say), settles it without a walk when they are all flagged or all cues: "👩‍👩‍👧 …" has 35,000 matches,
 * all cue words, and then none is read.
 */
function flaggedUpTo(items: readonly { category: string }[], max: number, kinds: readonly { category: string }[]) {
  if (kinds !== items) {
    const cues = kinds.filter((k) => CUE_CATEGORIES.has(k.category)).length;
    if (cues === kinds.length) return 0;
    if (cues === 0) return Math.min(items.length, max);
  }
  let flagged = 0;
  for (let i = 0; i < items.length && flagged < max; i++)
    if (!CUE_CATEGORIES.has((items[i] as { category: string }).category)) flagged++;
  return flagged;
}
