/** How the generated data files are derived from their packages; shared by the generator and its sync test. */

/** Prefix lengths are written as one character: "0"-"9", then "A" onwards (words are a-z only). */
const prefixChar = (n: number) => String.fromCharCode(n < 10 ? 48 + n : 55 + n);

export async function frontCode(): Promise<string> {
  const { default: words } = (await import("an-array-of-english-words", { with: { type: "json" } })) as {
    default: string[];
  };
  let out = "";
  let prev = "";
  for (const w of [...words].sort()) {
    let p = 0;
    while (p < prev.length && p < w.length && prev[p] === w[p]) p++;
    out += prefixChar(p) + w.slice(p);
    prev = w;
  }
  return out;
}

type EmojiRecord = { hexcode: string; label: string; group?: number; subgroup?: number };
type Groups = { groups: Record<string, string>; subgroups: Record<string, string> };

/** Emoji that stand for a thing, not a tone: every group but faces, hearts, skin-tone components and flags. */
const TONE = /^(face-|cat-face|monkey-face|heart|skin-tone|hair-style)/;

export async function emojiNames(): Promise<Record<string, string>> {
  const { default: data } = (await import("emojibase-data/en/data.json", { with: { type: "json" } })) as {
    default: EmojiRecord[];
  };
  const { default: meta } = (await import("emojibase-data/meta/groups.json", { with: { type: "json" } })) as {
    default: Groups;
  };
  const out: Record<string, string> = {};
  for (const e of data) {
    const codes = e.hexcode.split("-").filter((h) => h !== "FE0F");
    if (codes.length !== 1 || e.group === undefined) continue;
    const group = meta.groups[String(e.group)] ?? "";
    const subgroup = meta.subgroups[String(e.subgroup)] ?? "";
    if (group === "flags" || group === "component" || TONE.test(subgroup)) continue;
    out[String.fromCodePoint(Number.parseInt(codes[0] as string, 16))] = e.label.toLowerCase();
  }
  return out;
}
