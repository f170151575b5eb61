/**
 * How well and how fast mores reads a text's language (src/facts/language.ts):
 * foreign one-liners it must recognise (bench/language-foreign.jsonl), and
 * the English bench and functional corpora, none of which may come out foreign.
 * `npm run bench:language`; ~10 s.
 */
import { readFileSync } from "node:fs";
import { readLanguage } from "../src/facts/language.js";

const lines = (file: string) =>
  readFileSync(new URL(`../${file}`, import.meta.url), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { text: string; lang?: string });

const foreign = lines("bench/language-foreign.jsonl");
const english = [
  ...lines("bench/corpus.jsonl"),
  ...["evasion", "hateful", "non-hateful"].flatMap((f) => lines(`test/fixtures/functional/${f}.jsonl`)),
];

let right = 0;
let unsure = 0;
for (const c of foreign) {
  const { code } = await readLanguage(c.text);
  if (code === c.lang) right++;
  else if (code === null) unsure++;
}
let misread = 0;
const started = performance.now();
for (const c of english) {
  const { code } = await readLanguage(c.text);
  if (code !== null && code !== "en") {
    misread++;
    console.log(`  English read as ${code}: ${c.text}`);
  }
}
const perText = ((performance.now() - started) * 1000) / english.length;
console.log(
  `foreign one-liners read right   ${right}/${foreign.length} (unsure: ${unsure}, wrong: ${foreign.length - right - unsure})`,
);
console.log(`English lines read as foreign   ${misread}/${english.length}`);
console.log(`time per English line           ${perText.toFixed(0)} µs`);
