/**
 * `node --import tsx --import ./bench/compiled-src.mjs bench/worst-profile.ts [NAME] [N]` (after `npm run build`):
 * evaluates N (20) unseen 64 KiB texts of each worst case whose name contains NAME (all when empty), content
 * only, after three to warm up, and prints the median and best CPU time per evaluation — the process's CPU, so
 * on a machine shared with other jobs, waiting for a core is not counted (GC and compiler threads are).
 * PROFILE=1 adds a V8 CPU profile of the measured evaluations: self time by file and by function (TOP=30).
 */
import { loadPackDir } from "../src/norms/load-pack.js";
import { evaluate } from "../src/rules/evaluate.js";
import { MAX_TEXT, worstCases, worstTexts } from "../test/support/worst-case-texts.js";
import { startProfiler, summariseProfile } from "./profile-summary.js";

const [name = "", count = "20"] = process.argv.slice(2);
const { loaded, errors } = await loadPackDir("norms/default");
if (!loaded) throw new Error(errors.map((e) => e.message).join("\n"));
for (const c of worstCases.filter((w) => w.name.includes(name))) {
  const texts = worstTexts(c, MAX_TEXT, Number(count) + 3);
  for (const text of texts.slice(0, 3)) await evaluate(loaded.compiled, { content: { text } });
  const session = process.env.PROFILE ? await startProfiler() : undefined;
  const times: number[] = [];
  for (const text of texts.slice(3)) {
    const t = process.cpuUsage();
    await evaluate(loaded.compiled, { content: { text } });
    const { user, system } = process.cpuUsage(t);
    times.push((user + system) / 1000);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${c.name.slice(0, 50).padEnd(50)} CPU median ${times[Math.floor(times.length / 2)]?.toFixed(1)} ms, best ${times[0]?.toFixed(1)} ms`,
  );
  if (session) {
    const { profile } = await session.post("Profiler.stop");
    session.disconnect();
    summariseProfile(profile, Number(process.env.TOP ?? 30));
  }
}
