/**
 * `node bench/language-ab.mjs BASE_DIR [rounds]`: the language reading's cost as the server pays it, after
 * each evaluation (the caches then hold the evaluation's tables, not the reading's), for another build
 * (BASE_DIR, built with `npm run build`) and this one, both in one process, passes alternated as in
 * engine-ab.mjs. Prints per side the reading's µs a text (wall, `performance.now()` around each call) and the
 * CPU per evaluation plus reading.
 */
import { resolve } from "node:path";
import { corpusRequests } from "./corpus-requests.mjs";

const [baseDir, roundsArg] = process.argv.slice(2);
if (!baseDir) throw new Error("usage: node bench/language-ab.mjs BASE_DIR [rounds]");
const rounds = Number(roundsArg ?? 8);
const corpus = corpusRequests();
const none = new Set();

async function side(root) {
  const { loadPackDir } = await import(`${root}/dist/norms/load-pack.js`);
  const { evaluate } = await import(`${root}/dist/rules/evaluate.js`);
  const { readLanguage } = await import(`${root}/dist/facts/language.js`);
  const { loaded, errors } = await loadPackDir(`${root}/norms/default`);
  if (!loaded) throw new Error(errors.map((e) => e.message).join("\n"));
  return { evaluate, readLanguage, set: loaded.compiled, reading: [], cpu: [] };
}

async function pass(s) {
  let reading = 0;
  const cpu = process.cpuUsage();
  for (const r of corpus) {
    await s.evaluate(s.set, r);
    const started = performance.now();
    await s.readLanguage(r.content.text, none);
    reading += performance.now() - started;
  }
  const used = process.cpuUsage(cpu);
  return { reading: (reading * 1000) / corpus.length, cpu: (used.user + used.system) / corpus.length };
}

const sides = { base: await side(resolve(baseDir)), branch: await side(process.cwd()) };
for (const s of Object.values(sides)) await pass(s); // warm-up: JIT, lazily built indexes, eld's n-grams
for (let r = 0; r < rounds; r++) {
  for (const s of Object.values(sides)) {
    const { reading, cpu } = await pass(s);
    s.reading.push(reading);
    s.cpu.push(cpu);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const [name, s] of Object.entries(sides)) {
  console.log(
    `${name.padEnd(6)}  reading µs a text: median ${median(s.reading).toFixed(2)}, best ${Math.min(...s.reading).toFixed(2)};` +
      ` CPU µs per evaluation + reading: median ${median(s.cpu).toFixed(1)}`,
  );
}
const ratios = sides.base.reading.map((b, i) => (b / sides.branch.reading[i]).toFixed(2));
console.log(`base ÷ branch, reading per round: ${ratios.join(" ")}`);
