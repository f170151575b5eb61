/**
 * Inflections accepted on the last word of a term: plural and possessive
 * "-s" ("hos", "fags'"), and "-es" after a sibilant ("bitches", "asses") —
 * not after other letters, where "notes" would otherwise read as "not".
 */
export const SUFFIXES = [1, 2] as const;
export const suffixCut = (skel: string, cut: number) =>
  cut === 1 ? skel.length > 2 && skel.endsWith("s") : skel.length > 4 && sibilantEs(skel);

/** Ends in "-es" after s, x, z, ch or sh. Char codes, not a regular expression: it runs for every token. */
function sibilantEs(skel: string): boolean {
  const n = skel.length;
  if (skel.charCodeAt(n - 1) !== 115 /* s */ || skel.charCodeAt(n - 2) !== 101 /* e */) return false;
  const c = skel.charCodeAt(n - 3);
  if (c === 115 /* s */ || c === 120 /* x */ || c === 122 /* z */) return true;
  const b = skel.charCodeAt(n - 4);
  return c === 104 /* h */ && (b === 99 /* c */ || b === 115) /* s */;
}

/** The lexicon word a skeleton is, bare or under one of those inflections. */
export function inflectedBase(skel: string, has: (skel: string) => boolean): string | undefined {
  if (has(skel)) return skel;
  for (const cut of SUFFIXES) if (suffixCut(skel, cut) && has(skel.slice(0, -cut))) return skel.slice(0, -cut);
  return undefined;
}
