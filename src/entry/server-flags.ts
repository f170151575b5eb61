/**
 * V8 flags every server process runs with: `npm start` passes them on its command line (package.json), and the
 * cluster's primary gives them to every worker it forks, however the primary itself was started.
 *
 * `--max-semi-space-size=64` (V8's default on 64-bit: 16 MB): each young-generation GC copies what the requests
 * in flight hold (~50 under load, most waiting for their group commit); with 4× the room it runs ~4× less often
 * and copies about as much each time. Measured with bench/wire-ab.ts (both servers warm at once, alternating
 * turns): server CPU per answer −10% (medians 400 → 360 and 453 → 408 µs, 14 of 16 turns lower), p99 shorter;
 * it costs 130–210 MB more resident memory per process (docs/performance.md, z16-wire).
 */
export const SERVER_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=64"];

/** `execArgv` with every server flag it does not already set (a flag given on the command line wins). */
export function withServerFlags(execArgv: readonly string[]): string[] {
  const named = (flag: string) => flag.split("=")[0] as string;
  const given = new Set(execArgv.map(named));
  return [...SERVER_NODE_FLAGS.filter((f) => !given.has(named(f))), ...execArgv];
}
