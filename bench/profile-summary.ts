import type { Profiler } from "node:inspector";
import { Session } from "node:inspector/promises";

/** Prints a V8 CPU profile's self time grouped by package (or our file) and by function: the top `n` of each. */
export function summariseProfile(profile: Profiler.Profile, n: number) {
  const self = new Map<number, number>();
  const deltas = profile.timeDeltas ?? [];
  for (const [i, id] of (profile.samples ?? []).entries()) self.set(id, (self.get(id) ?? 0) + (deltas[i] ?? 0));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byPlace = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const root = `file://${process.cwd()}/`;
  for (const node of profile.nodes) {
    const t = self.get(node.id) ?? 0;
    const { url, functionName, lineNumber } = node.callFrame;
    const file = url.replace(root, "") || "(native, GC, idle)";
    const place = file.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*/, "$1");
    byPlace.set(place, (byPlace.get(place) ?? 0) + t);
    const fn = `${functionName || "(anonymous)"}  ${file}:${lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + t);
  }
  const print = (title: string, m: Map<string, number>) => {
    console.log(title);
    for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n))
      console.log(`  ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
  };
  print("self time by package / file", byPlace);
  print("\nself time by function", byFunction);
}

/** A connected inspector session with V8's sampling profiler started (100 µs samples); stop it with "Profiler.stop". */
export async function startProfiler(): Promise<Session> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 100 });
  await session.post("Profiler.start");
  return session;
}
