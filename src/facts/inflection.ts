/**
 * Inflections accepted on the last word of a term: plural and possessive
 * "-s" ("hos", "fags'"), and "-es" after a sibilant ("bitches", "asses") —
 * not after other letters, where "notes" would otherwise read as "not".
 */
export const SUFFIXES = [1, 2] as const;
const SIBILANT_ES = /(?:[sxz]|ch|sh)es$/;
export const suffixCut = (skel: string, cut: number) =>
  cut === 1 ? skel.length > 2 && skel.endsWith("s") : skel.length > 4 && SIBILANT_ES.test(skel);

/** The lexicon word a skeleton is, bare or under one of those inflections. */
export function inflectedBase(skel: string, has: (skel: string) => boolean): string | undefined {
  if (has(skel)) return skel;
  for (const cut of SUFFIXES) if (suffixCut(skel, cut) && has(skel.slice(0, -cut))) return skel.slice(0, -cut);
  return undefined;
}
