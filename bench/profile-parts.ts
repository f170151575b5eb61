import type { Profiler } from "node:inspector";

/** Reading a V8 CPU profile beyond self time (profile-summary.ts): a time window, totals, parts of the work. */

/** The samples of the `spanUs` before the last `tailUs` of the profile (the measured run, not start or stop). */
export function keepLast(profile: Profiler.Profile, spanUs: number, tailUs: number): Profiler.Profile {
  const deltas = profile.timeDeltas ?? [];
  const samples = profile.samples ?? [];
  const times: number[] = [];
  let t = profile.startTime;
  for (const d of deltas) {
    t += d;
    times.push(t);
  }
  const to = profile.endTime - tailUs;
  const from = to - spanUs;
  const keep = times.map((time, i) => (time >= from && time <= to ? i : -1)).filter((i) => i >= 0);
  return {
    ...profile,
    samples: keep.map((i) => samples[i] as number),
    timeDeltas: keep.map((i) => deltas[i] as number),
  };
}

/** Total (self + callees) time by function, each function counted once per sample even when recursive. */
export function printInclusive(profile: Profiler.Profile, n: number) {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const root = `file://${process.cwd()}/`;
  const label = (id: number) => {
    const { url, functionName, lineNumber } = (byId.get(id) as Profiler.ProfileNode).callFrame;
    return `${functionName || "(anonymous)"}  ${url.replace(root, "").replace(/^.*node_modules\//, "") || "(native)"}:${lineNumber + 1}`;
  };
  const total = new Map<string, number>();
  let all = 0;
  const deltas = profile.timeDeltas ?? [];
  for (const [i, id] of (profile.samples ?? []).entries()) {
    const d = deltas[i] ?? 0;
    all += d;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) seen.add(label(at));
    for (const l of seen) total.set(l, (total.get(l) ?? 0) + d);
  }
  console.log("\ntotal time by function (self + callees)");
  for (const [k, v] of [...total].sort((a, b) => b[1] - a[1]).slice(0, n))
    console.log(`  ${((100 * v) / all).toFixed(1).padStart(5)}%  ${k}`);
}

/**
 * Parts of the work a sample belongs to, tried in order against its whole stack: the first whose pattern matches
 * any frame (`url function`) wins. Subsystems first (a zod call inside the facts is the evaluation's), then the
 * layers of a request from the inside out.
 */
const PARTS: Array<[string, RegExp]> = [
  ["idle", /^ \(idle\)$/],
  ["garbage collection", /^ \(garbage collector\)$/],
  [
    "evaluation: facts, sentence layer, rules, policies",
    /(dist|src)\/(facts|rules|evaluation)\/|(dist|src)\/moderation\/(pipeline|routing|settle-pending|language-policy|escalation)|wink|eld|re2js|json-rules-engine/,
  ],
  [
    "write: ruling writer, group commit, drizzle, postgres.js",
    /ruling-writer|group-commit|(dist|src)\/db\/|postgres\/src|drizzle-orm/,
  ],
  [
    "ruling record, view, summary",
    /evaluation-record|recorded-evidence|ruling-view|return-preference|(dist|src)\/moderation\/moderate/,
  ],
  ["validation: zod, validators", /zod|hono\/dist\/validator/],
  ["authentication, rate limit", /authorize|authenticator|rate-limit|key-format/],
  [
    "other middleware of ours",
    /(dist|src)\/http\/middleware|(dist|src)\/http\/route-community|(dist|src)\/app\.[jt]s|community|norm-set-cache/,
  ],
  ["tracing (OpenTelemetry)", /opentelemetry|(dist|src)\/lib\/tracing/],
  ["metrics", /prom-client|metrics/],
  [
    "response: c.json, node-server, socket write",
    /responseVia|_http_outgoing|writev|hono\/dist\/context\.js (json|body|#?newResponse)$/,
  ],
  ["Hono core: routing, compose, request", /hono\/dist/],
  [
    "request: node:http parsing, body read",
    /_http_server|_http_common|_http_incoming|streams\/readable|node-body|newRequest/,
  ],
  // Last: the lane's frames are under every sample of a request it serves; what is left is its own work.
  ["write lane: its request, answer and send", /(dist|src)\/entry\/moderate-lane/],
];

/** Busy time (idle excluded) by part, as shares and as µs of the measured CPU per answer. */
export function printParts(profile: Profiler.Profile, cpuUsPerAnswer: number) {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const partOf = new Map<number, string>();
  const part = (id: number): string => {
    const known = partOf.get(id);
    if (known) return known;
    const frames: string[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { url, functionName } = (byId.get(at) as Profiler.ProfileNode).callFrame;
      frames.push(`${url} ${functionName}`);
    }
    const found = PARTS.find(([, re]) => frames.some((f) => re.test(f)))?.[0] ?? "other";
    partOf.set(id, found);
    return found;
  };
  const time = new Map<string, number>();
  const others = new Map<string, number>();
  const within = new Map<string, Map<string, number>>();
  const deltas = profile.timeDeltas ?? [];
  for (const [i, id] of (profile.samples ?? []).entries()) {
    const p = part(id);
    time.set(p, (time.get(p) ?? 0) + (deltas[i] ?? 0));
    const { url: leafUrl, functionName: leafName } = (byId.get(id) as Profiler.ProfileNode).callFrame;
    const inPart = within.get(p) ?? new Map<string, number>();
    within.set(p, inPart);
    const leaf = `${leafName || "(anonymous)"} ${leafUrl.replace(/^.*(node_modules|dist)\//, "")}`;
    inPart.set(leaf, (inPart.get(leaf) ?? 0) + (deltas[i] ?? 0));
    if (p !== "other") continue;
    const { url, functionName } = (byId.get(id) as Profiler.ProfileNode).callFrame;
    const caller = byId.get(parent.get(id) ?? -1)?.callFrame;
    const where = `${functionName || "(anonymous)"} ${url.replace(/^.*node_modules\//, "")} < ${caller?.functionName ?? ""} ${caller?.url.replace(/^.*node_modules\//, "") ?? ""}`;
    others.set(where, (others.get(where) ?? 0) + (deltas[i] ?? 0));
  }
  const busy = [...time].filter(([p]) => p !== "idle").reduce((a, [, v]) => a + v, 0);
  console.log("\nbusy time by part (idle excluded): share, and µs of the CPU per answer");
  for (const [p, v] of [...time].filter(([p]) => p !== "idle").sort((a, b) => b[1] - a[1]))
    console.log(
      `  ${((100 * v) / busy).toFixed(1).padStart(5)}%  ${String(Math.round((cpuUsPerAnswer * v) / busy)).padStart(4)} µs  ${p}`,
    );
  if (process.env.PROFILE_PARTS_DETAIL)
    for (const [p, m] of within) {
      if (p === "idle") continue;
      console.log(`\n${p}: self time by function`);
      for (const [f, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, 10))
        console.log(`  ${((100 * v) / busy).toFixed(1).padStart(5)}%  ${f}`);
    }
  console.log("\n'other', by leaf frame and its caller");
  for (const [p, v] of [...others].sort((a, b) => b[1] - a[1]).slice(0, 15))
    console.log(`  ${((100 * v) / busy).toFixed(1).padStart(5)}%  ${p}`);
}
