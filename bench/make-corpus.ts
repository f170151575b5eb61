/**
 * Deterministic benchmark corpus generator.
 *
 *   npx tsx bench/make-corpus.ts [count=12000] [out=bench/corpus.jsonl]
 *
 * Composes chat/forum messages from the templates in corpus-templates.json with a
 * fixed-seed PRNG, so the output is byte-identical on every run. Mix: ~88% benign,
 * ~8% abusive, ~4% contextual (reclamation, counter-speech, replies to a parent).
 *
 * Template syntax: `{slot}` picks a filler from `slots` (fillers may contain slots
 * themselves); `{d}` is a digit, `{hex40}` 40 hex digits, `{code}` 6 alphanumerics;
 * `{slur}`, `{slurs}` and `{quote}` are bound per message.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

type Label = "benign" | "abusive" | "contextual";
interface Sample {
  text: string;
  author?: { groups: string[] };
  context?: { parent: { text: string } };
  label: Label;
}
interface Term {
  s: string;
  p: string;
}
interface Templates {
  slots: Record<string, string[]>;
  openers: string[];
  closers: string[];
  benign: Record<string, string[]>;
  abusiveWeights: Record<string, number>;
  abusive: Record<string, string[]>;
  slurs: (Term & { group: string })[];
  reclaimable: (Term & { groups: string[] })[];
  contextual: {
    reclamation: string[];
    counterSpeech: string[];
    quoteReplies: string[];
    pairs: { parent: string; text: string }[];
  };
  authorGroups: string[][];
}

const SEED = 0x6d6f7265; // "more"
const here = dirname(fileURLToPath(import.meta.url));
const T = JSON.parse(readFileSync(join(here, "corpus-templates.json"), "utf8")) as Templates;

// ---------------------------------------------------------------- PRNG helpers

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(SEED);
const chance = (p: number): boolean => rand() < p;
const int = (n: number): number => Math.floor(rand() * n);
function pick<V>(xs: readonly V[]): V {
  if (xs.length === 0) throw new Error("pick from empty list");
  return xs[int(xs.length)] as V;
}
function weighted(weights: Record<string, number>): string {
  const entries = Object.entries(weights);
  let r = rand() * entries.reduce((sum, [, w]) => sum + w, 0);
  for (const [key, w] of entries) {
    r -= w;
    if (r < 0) return key;
  }
  return entries[entries.length - 1]?.[0] ?? "";
}
const chars = (alphabet: string, n: number): string =>
  Array.from({ length: n }, () => alphabet[int(alphabet.length)]).join("");

// ---------------------------------------------------------------- template expansion

type Vars = Record<string, string>;

/** Fill every slot, then fix "a" before a vowel ("a ugly moron" -> "an ugly moron"). */
function expand(template: string, vars: Vars = {}): string {
  return fill(template, vars, 0).replace(/\b([aA]) (?=[aeioAEIO])/g, "$1n ");
}

function fill(template: string, vars: Vars, depth: number): string {
  if (depth > 5) throw new Error(`template nests too deep: ${template}`);
  return template.replace(/\{(\w+)\}/g, (_, slot: string) => {
    if (slot in vars) return vars[slot] as string;
    if (slot === "d") return String(int(10));
    if (slot === "hex40") return chars("0123456789abcdef", 40);
    if (slot === "code") return chars("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 6);
    const fillers = T.slots[slot];
    if (!fillers) throw new Error(`unknown slot {${slot}} in: ${template}`);
    return fill(pick(fillers), vars, depth + 1);
  });
}

const wordCount = (s: string): number => s.split(/\s+/).filter(Boolean).length;
const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** One realistic typo: swap, drop or double a letter inside a longer word. */
function typo(text: string): string {
  const words = text.split(" ");
  const candidates = words.map((w, i) => (/^[a-z]{5,}$/i.test(w) ? i : -1)).filter((i) => i >= 0);
  if (candidates.length === 0) return text;
  const i = pick(candidates);
  const w = words[i] as string;
  const k = 1 + int(w.length - 2);
  const kind = int(3);
  words[i] =
    kind === 0
      ? w.slice(0, k) + w.charAt(k + 1) + w.charAt(k) + w.slice(k + 2)
      : kind === 1
        ? w.slice(0, k) + w.slice(k + 1)
        : w.slice(0, k) + w.charAt(k) + w.slice(k);
  return words.join(" ");
}

/** Obfuscate a slur the way people dodge filters: leet, spacing, stretching, dots, stars. */
function obfuscate(word: string): string {
  switch (int(6)) {
    case 0: {
      const leet: Record<string, string> = { a: "4", e: "3", i: "1", o: "0", s: "5", g: "9" };
      return word.replace(/[aeiosg]/g, (c) => (chance(0.7) ? (leet[c] ?? c) : c));
    }
    case 1:
      return word.split("").join(" ");
    case 2: {
      const k = int(word.length);
      return word.slice(0, k + 1) + word.charAt(k).repeat(2 + int(3)) + word.slice(k + 1);
    }
    case 3:
      return word.split("").join(".");
    case 4:
      return word.charAt(0) + word.slice(1).replace(/[aeiou]/, "*");
    default:
      return word.toUpperCase();
  }
}

function slurVars(term: Term, obfuscateP: number): Vars {
  const o = chance(obfuscateP);
  return { slur: o ? obfuscate(term.s) : term.s, slurs: o ? obfuscate(term.p) : term.p };
}

// ---------------------------------------------------------------- message generators

const topics = Object.keys(T.benign);
const generic = ["smalltalk", "life", "meta"];

function benignText(): string {
  for (;;) {
    const topic = pick(topics);
    const n = chance(0.55) ? 1 : chance(0.75) ? 2 : 3;
    const used = new Set<string>();
    let text = "";
    for (let i = 0; i < n; i++) {
      const template = pick(T.benign[i > 0 && chance(0.3) ? pick(generic) : topic] ?? []);
      if (used.has(template)) continue;
      used.add(template);
      const sentence = expand(template);
      const sep = /[.!?)]$|\p{Extended_Pictographic}$|https?:\S+$/u.test(text) ? " " : pick([". ", "! ", ", ", " - "]);
      if (i === 0) text = sentence;
      else text += sep + (sep === ", " || sep === " - " || chance(0.3) ? sentence : capitalize(sentence));
    }
    if (chance(0.2)) text = expand(pick(T.openers)) + text;
    if (chance(0.25)) text += expand(pick(T.closers));
    if (chance(0.35)) text = capitalize(text);
    if (chance(0.08)) text = typo(text);
    if (chance(0.03) && !text.includes("http")) text = text.toUpperCase();
    const words = wordCount(text);
    if (words >= 3 && words <= 60) return text;
  }
}

/** `quotable` excludes spam and doxxing, which a reply should not repeat. */
function abusiveText(quotable = false): string {
  let kind = weighted(T.abusiveWeights);
  while (quotable && (kind === "spam" || kind === "doxxing")) kind = weighted(T.abusiveWeights);
  const vars = slurVars(pick(T.slurs), 0.3);
  let text = expand(pick(T.abusive[kind] ?? []), vars);
  if (kind !== "spam" && chance(0.15)) text = `${pick(["lol ", "ok ", "seriously ", "", "bro "])}${text}`;
  if (kind !== "spam" && chance(0.15)) text += pick(["!!", " lmao", " 🖕", ".", " 🤡"]);
  if (chance(0.1) && !text.includes("http")) text = text.toUpperCase();
  return text;
}

function contextualSample(): Sample {
  const r = rand();
  if (r < 0.35) {
    const term = pick(T.reclaimable);
    const text = expand(pick(T.contextual.reclamation), slurVars(term, 0.1));
    return { text, author: { groups: term.groups }, label: "contextual" };
  }
  if (r < 0.7) {
    const text = expand(pick(T.contextual.counterSpeech), slurVars(pick(T.slurs), 0.1));
    return { text, label: "contextual" };
  }
  if (r < 0.85) {
    const parent = abusiveText(true);
    const text = expand(pick(T.contextual.quoteReplies), { quote: parent });
    return { text, context: { parent: { text: parent } }, label: "contextual" };
  }
  const pair = pick(T.contextual.pairs);
  const vars = slurVars(pick(T.slurs), 0);
  return {
    text: expand(pair.text, vars),
    context: { parent: { text: expand(pair.parent, vars) } },
    label: "contextual",
  };
}

function sample(): Sample {
  const r = rand();
  if (r < 0.88) {
    const s: Sample = { text: benignText(), label: "benign" };
    if (chance(0.04)) s.author = { groups: pick(T.authorGroups) };
    if (chance(0.08)) s.context = { parent: { text: benignText() } };
    return order(s);
  }
  if (r < 0.96) {
    const s: Sample = { text: abusiveText(), label: "abusive" };
    if (chance(0.12)) s.context = { parent: { text: benignText() } };
    return order(s);
  }
  return order(contextualSample());
}

/** Fixed key order: text, author, context, label. */
function order(s: Sample): Sample {
  return {
    text: s.text,
    ...(s.author ? { author: s.author } : {}),
    ...(s.context ? { context: s.context } : {}),
    label: s.label,
  };
}

// ---------------------------------------------------------------- main

const count = Number.parseInt(process.argv[2] ?? "12000", 10);
if (!Number.isInteger(count) || count <= 0) throw new Error(`bad count: ${process.argv[2]}`);
const out = process.argv[3] ? resolve(process.argv[3]) : join(here, "corpus.jsonl");

const lines: string[] = [];
const tally: Record<Label, number> = { benign: 0, abusive: 0, contextual: 0 };
for (let i = 0; i < count; i++) {
  const s = sample();
  tally[s.label]++;
  lines.push(JSON.stringify(s));
}
writeFileSync(out, `${lines.join("\n")}\n`);
const distinct = new Set(lines.map((l) => (JSON.parse(l) as Sample).text)).size;
console.log(`wrote ${count} lines to ${out}`, tally, `distinct texts: ${distinct}`);
