import { OPERATOR_KEY } from "./serve.js";

/** Cumulative counts of a route's answers by the histogram's upper bound in seconds (`+Inf` as Infinity). */
export type AnswerTimes = Map<number, number>;

/**
 * The latency mores measured for a route's answers (`mores_http_request_duration_seconds` on GET /metrics, summed
 * over its workers): from the request reaching the app to its answer. wrk's latency adds what the server's
 * measure cannot see: a request waiting in the socket while the event loop finishes its turn, and wrk's own
 * scheduling on the shared cores. Read before and after a run, the difference says which of the two a p99 is.
 */
export async function answerTimes(url: string, routeTemplate: string): Promise<AnswerTimes> {
  const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${OPERATOR_KEY}` } });
  const times: AnswerTimes = new Map();
  if (!res.ok) return times;
  const label = `route="${routeTemplate}"`;
  for (const line of (await res.text()).split("\n")) {
    if (!line.startsWith("mores_http_request_duration_seconds_bucket{") || !line.includes(label)) continue;
    const le = /le="([^"]+)"/.exec(line)?.[1];
    if (le === undefined) continue;
    const bound = le === "+Inf" ? Number.POSITIVE_INFINITY : Number(le);
    times.set(bound, (times.get(bound) ?? 0) + Number(line.slice(line.lastIndexOf(" ") + 1)));
  }
  return times;
}

/**
 * Between two readings: how many answers, the smallest bucket bound under which 99% of them fall (the p99 as
 * the histogram can say it: "at most"), and the share slower than `overSeconds`. Undefined without answers.
 */
export function between(before: AnswerTimes, after: AnswerTimes, overSeconds = 0.05) {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const counted = (bound: number) => (after.get(bound) ?? 0) - (before.get(bound) ?? 0);
  const total = counted(Number.POSITIVE_INFINITY);
  if (total <= 0) return undefined;
  const p99AtMost = bounds.find((b) => counted(b) >= 0.99 * total) ?? Number.POSITIVE_INFINITY;
  const within = bounds.filter((b) => b <= overSeconds).at(-1);
  const over = within === undefined ? 1 : 1 - counted(within) / total;
  return { answers: total, p99AtMostMs: p99AtMost * 1000, overShare: over };
}
