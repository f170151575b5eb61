/**
 * `node bench/engine-ab.mjs BASE_DIR [rounds]`: CPU per evaluation of another build (BASE_DIR, a copy of the
 * repository with `npm run build` done, e.g. `git archive main | tar -x -C /tmp/base`) against this one,
 * both imported into one process and run over the bench corpus in alternate passes. On a shared machine
 * two processes run at different moments of other people's load; one process alternating pass by pass sees
 * the same load on both sides, so the ratio of each round is the figure to read.
 */
import { resolve } from "node:path";
import { corpusRequests } from "./corpus-requests.mjs";

const [baseDir, roundsArg] = process.argv.slice(2);
if (!baseDir) throw new Error("usage: node bench/engine-ab.mjs BASE_DIR [rounds]");
const rounds = Number(roundsArg ?? 8);
const roots = { base: resolve(baseDir), branch: process.cwd() };
const corpus = corpusRequests();

const sides = {};
for (const [name, root] of Object.entries(roots)) {
  const { loadPackDir } = await import(`${root}/dist/norms/load-pack.js`);
  const { evaluate } = await import(`${root}/dist/rules/evaluate.js`);
  const { loaded, errors } = await loadPackDir(`${root}/norms/default`);
  if (!loaded) throw new Error(errors.map((e) => e.message).join("\n"));
  sides[name] = { evaluate, set: loaded.compiled, times: [] };
}
const cpu = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const pass = async (side) => {
  const started = cpu();
  for (const r of corpus) await side.evaluate(side.set, r);
  return (cpu() - started) / corpus.length;
};
// Two warm-up passes a side: lazily built indexes, per-word memos, the parser's model, the JIT.
for (let w = 0; w < 2; w++) for (const side of Object.values(sides)) await pass(side);
for (let i = 0; i < rounds; i++)
  for (const name of i % 2 ? ["branch", "base"] : ["base", "branch"]) sides[name].times.push(await pass(sides[name]));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const [name, s] of Object.entries(sides))
  console.log(
    `${name.padEnd(7)} CPU µs per evaluation: median ${median(s.times).toFixed(1)}, best ${Math.min(...s.times).toFixed(1)}; rounds ${s.times.map((t) => t.toFixed(0)).join(" ")}`,
  );
const ratios = sides.base.times.map((t, i) => t / sides.branch.times[i]);
console.log(
  `base ÷ branch per round: median ${median(ratios).toFixed(3)} (${ratios.map((r) => r.toFixed(2)).join(" ")})`,
);
