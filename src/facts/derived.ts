/**
 * Derived forms of a lexicon word: "niggerish", "kikery", "faggotness". The
 * caller only asks for tokens that are not English words, so real words built
 * the same way from an unrelated stem ("cowry", "hoer", "bigger") never get
 * here. Suffixes are squeezed as token skeletons are ("ness" → "nes").
 */
const SUFFIXES = ["ish", "ery", "ry", "est", "ers", "er", "nes", "ies", "ie", "y", "ism", "ist", "oid"];
/** Short stems plus a suffix collide with unrelated words the list may lack ("yid" + "dish"). */
const MIN_STEM = 4;

/** The lexicon stem `skel` is derived from, if any: `has` says whether a skeleton is a lexicon word. */
export function stemOf(skel: string, has: (skel: string) => boolean): string | undefined {
  for (const suffix of SUFFIXES) {
    if (skel.length - suffix.length < MIN_STEM || !skel.endsWith(suffix)) continue;
    const stem = skel.slice(0, -suffix.length);
    if (has(stem)) return stem;
    // A silent "e" dropped before the suffix ("kik" + "ery" from "kike"), or a final "y" turned "i".
    if (has(`${stem}e`)) return `${stem}e`;
    if (stem.endsWith("i") && has(`${stem.slice(0, -1)}y`)) return `${stem.slice(0, -1)}y`;
  }
  return undefined;
}
