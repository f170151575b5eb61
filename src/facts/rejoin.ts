import { squeeze, type Token } from "./tokenize.js";

/**
 * Words broken by stray spaces into chunks: "f ag go t", "nig ger". Two to
 * four neighbouring chunks of at most four letters, one separator apart in
 * one sentence, are joined when together they spell a word a disguise may
 * hide and at least one chunk is not an English word, so a run of real short
 * words ("as is", "go to") is never glued into something else. (Single letters
 * spaced out, "f a g", are joined by the tokenizer already.)
 */
const MAX_CHUNK = 4;
const MAX_CHUNKS = 4;
const MAX_GAP = 2;

export type Joinable = {
  reveals: (skel: string, flat: string) => boolean;
  /** Whether some word a disguise may hide starts with these letters: most windows stop at their first chunk. */
  begins: (letters: string) => boolean;
  english: (word: string) => boolean;
};

const LETTERS = /^[a-z]+$/;
export const isChunk = (flat: string) => flat.length <= MAX_CHUNK && LETTERS.test(flat);
const chunkToken = (t: Token) => !t.mention && isChunk(t.flat);

/**
 * `foreign`: the indices, ascending, of the chunks that are not English words (`isChunk` and not
 * `words.english`). A join needs one of them among its chunks, so a window that reaches none is not tried:
 * most text with a short non-word ("lol", a name) has it in one place, and its other windows cost lookups.
 */
export function rejoin(tokens: Token[], words: Joinable, foreign?: readonly number[]): Token[] {
  let out: Token[] | null = null;
  let next = 0;
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i] as Token;
    let joined: Token | null = null;
    let last = i;
    if (foreign) while (next < foreign.length && (foreign[next] as number) < i) next++;
    const reachable = !foreign || (next < foreign.length && (foreign[next] as number) - i < MAX_CHUNKS);
    if (reachable && chunkToken(first) && words.begins(first.flat)) {
      let flat = first.flat;
      let foreign = !words.english(first.flat);
      for (let j = i + 1; j < tokens.length && j - i < MAX_CHUNKS; j++) {
        const prev = tokens[j - 1] as Token;
        const next = tokens[j] as Token;
        if (!chunkToken(next) || next.sentence !== prev.sentence || next.start - prev.end > MAX_GAP) break;
        flat += next.flat;
        if (!words.begins(flat)) break;
        foreign ||= !words.english(next.flat);
        const skel = squeeze(flat);
        if (foreign && words.reveals(skel, flat)) {
          joined = { ...first, flat, skel, end: next.end, quoted: first.quoted && next.quoted };
          last = j;
        }
      }
    }
    if (joined) out ??= tokens.slice(0, i);
    if (out) out.push(joined ?? first);
    i = last;
  }
  return out ?? tokens;
}
