import type { Folded } from "./fold.js";
import type { Token } from "./tokenize.js";

/**
 * Whether a token was written Capitalised (an upper-case letter, then lower
 * case) in the original text: how names are written. Names are the words an
 * English list does not know and that sit one letter from a slur ("Diego" and
 * "dego"), so typo tolerance leaves them alone. Lower case and SHOUTING still
 * get it, and masked letters are read whatever the case.
 */
export function capitalisedIn(original: string, folded: Folded): (t: Token) => boolean {
  return (t) => {
    const [start, end] = folded.toOriginal(t.start, t.end);
    const first = original[start] as string;
    if (first === first.toLowerCase()) return false;
    for (let i = start + 1; i < end; i++) {
      const c = original[i] as string;
      if (c !== c.toUpperCase()) return true;
    }
    return false;
  };
}
