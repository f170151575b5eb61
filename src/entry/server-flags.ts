/**
 * V8 flags every server process runs with: `npm start` passes them on its command line (package.json), and the
 * cluster's primary gives them to every worker it forks, however the primary itself was started.
 *
 * `--max-semi-space-size=64` (V8's default on 64-bit: 16 MB): each young-generation GC copies what the requests
 * in flight hold (~50 under load, most waiting for their group commit); with 4× the room it runs ~4× less often
 * and copies about as much each time. Measured with bench/wire-ab.ts (both servers warm at once, alternating
 * turns): server CPU per answer −10% (medians 400 → 360 and 453 → 408 µs, 14 of 16 turns lower), p99 shorter;
 * it costs 130–210 MB more resident memory per process (docs/performance.md, z16-wire).
 *
 * `--liftoff-only`: WebAssembly is compiled by V8's baseline compiler only, never tiered up to TurboFan. The only
 * WebAssembly a server runs is PGlite's PostgreSQL (the embedded default; a server on PostgreSQL runs none), and
 * tiering it up during the first queries cost ~50–60 MB of resident memory that stays (TurboFan's compile
 * memory in glibc's per-thread arenas, and the code) and ~0.4 s of a start. Measured, three alternated starts
 * each (docs/performance.md, "Start and memory on PGlite"): restart to /ready 1.55–1.75 → 1.16–1.30 s, idle
 * RSS 259–274 → 207–214 MB; first start 3.9–4.3 → 3.2–3.5 s, 299–328 → 262–263 MB. The price: PGlite's own
 * work ~10% slower in wall time (30,000 ruling-sized inserts, 3.0 → 3.3 s), within the noise of the PGlite
 * row of `npm run bench`. V8 lists the flag among its testing options; it changes only which compiler runs.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=64", "--liftoff-only"];

/**
 * `execArgv` with every server flag it does not already set (a flag given on the command line wins, its
 * `--no-` form too).
 */
export function withServerFlags(execArgv: readonly string[]): string[] {
  const named = (flag: string) => (flag.split("=")[0] as string).replace(/^--no-/, "--");
  const given = new Set(execArgv.map(named));
  return [...SERVER_NODE_FLAGS.filter((f) => !given.has(named(f))), ...execArgv];
}
