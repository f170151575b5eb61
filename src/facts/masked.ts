/**
 * Masked letters: "f*g", "n*gger", "f**king". Each "*" stands for one
 * letter; a masked token matches a lexicon word of the same length whose
 * visible letters agree. Masked tokens are rare, so a scan of the words of
 * one length is cheap; at least two letters must show, or "***" would be anything.
 */
const MASK = "*";
const MIN_VISIBLE = 2;

export const isMasked = (flat: string) => flat.includes(MASK);

export class MaskIndex {
  private readonly byLength = new Map<number, string[]>();

  /** `preferred` words are tried first when several fit (what people mask is what they would not write). */
  constructor(words: Iterable<string>, preferred: (word: string) => boolean) {
    const all = [...new Set(words)];
    for (const w of [...all.filter(preferred), ...all.filter((w) => !preferred(w))]) {
      const list = this.byLength.get(w.length);
      if (list) list.push(w);
      else this.byLength.set(w.length, [w]);
    }
  }

  /** The first lexicon word (preferred ones first, then in lexicon order) the masked token can stand for. */
  unmask(flat: string): string | undefined {
    let visible = 0;
    for (const c of flat) if (c !== MASK) visible++;
    if (visible < MIN_VISIBLE) return undefined;
    for (const w of this.byLength.get(flat.length) ?? []) {
      let k = 0;
      while (k < flat.length && (flat[k] === MASK || flat[k] === w[k])) k++;
      if (k === flat.length) return w;
    }
    return undefined;
  }
}
