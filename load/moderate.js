// k6 load test for POST /v1/communities/{community}/moderate with the benchmark corpus's mix
// (mostly benign, some abusive, some contextual), sent with `Prefer: return=minimal` as `npm run bench` does.
// k6 cannot be installed on the development machines, so `npm run bench` measures with wrk; this script is
// for users who run k6 (PREFER=return=representation asks for whole rulings):
//
//   k6 run load/moderate.js                                  # against http://127.0.0.1:8787
//   MORES_URL=https://mores.example.org MORES_KEY=... k6 run load/moderate.js
//   CONTENT_IDS=1 k6 run load/moderate.js                    # each post with a content id of its own
//
// As `npm run bench` does, it first warms the server up (WARMUP, default 45s, the bench's most; WARMUP=0 skips it)
// with the same load, and judges only what follows: a server still being optimised by V8 answers slower for its
// first tens of thousands of requests (docs/performance.md, eighth pass).
// Thresholds, on the measured scenario only: p99 under 50 ms, under 0.1% failed requests, every answer a ruling.
import http from "k6/http";
import { check } from "k6";
import { SharedArray } from "k6/data";
import exec from "k6/execution";

const BASE = __ENV.MORES_URL || "http://127.0.0.1:8787";
const COMMUNITY = __ENV.MORES_COMMUNITY || "default";
const DECISIONS = ["allow", "label", "hide", "remove", "review"];

const corpus = new SharedArray("corpus", () =>
  open("../bench/corpus.jsonl")
    .split("\n")
    .filter((line) => line.length > 0)
    .map((line) => {
      const { text, author, context } = JSON.parse(line);
      const body = { content: { text } };
      if (author) body.author = author;
      if (context) body.context = context;
      return JSON.stringify(body);
    }),
);

const VUS = Number(__ENV.VUS || 50);
const WARMUP = __ENV.WARMUP || "45s";
const warms = !/^0[a-z]*$/.test(WARMUP);

export const options = {
  scenarios: {
    ...(warms ? { warmup: { executor: "constant-vus", vus: VUS, duration: WARMUP } } : {}),
    moderate: {
      executor: "constant-vus",
      vus: VUS,
      duration: __ENV.DURATION || "30s",
      ...(warms ? { startTime: WARMUP } : {}),
    },
  },
  // Sub-metrics by k6's `scenario` tag: the warm-up's answers count for nothing.
  thresholds: {
    "http_req_duration{scenario:moderate}": ["p(99)<50"],
    "http_req_failed{scenario:moderate}": ["rate<0.001"],
    "checks{scenario:moderate}": ["rate>0.999"],
  },
};

const headers = { "content-type": "application/json", prefer: __ENV.PREFER || "return=minimal" };
if (__ENV.MORES_KEY) headers.authorization = `Bearer ${__ENV.MORES_KEY}`;

// CONTENT_IDS=1: each request carries a content id of its own, as a platform sends its post ids (as `npm run bench
// -- content-ids=1` does): unique across runs (the start time), scenarios and their iterations (iterationInTest is
// unique within a scenario across all virtual users).
const withIds = __ENV.CONTENT_IDS === "1";
const started = Date.now().toString(36);

export default function () {
  let body = corpus[Math.floor(Math.random() * corpus.length)];
  if (withIds) body = body.replace('{"content":{', `{"content":{"id":"k${started}-${exec.scenario.name}-${exec.scenario.iterationInTest}",`);
  const res = http.post(`${BASE}/v1/communities/${COMMUNITY}/moderate`, body, { headers });
  check(res, {
    "status is 201": (r) => r.status === 201,
    "answer is a ruling": (r) => {
      const ruling = r.json();
      return (
        typeof ruling.id === "string" &&
        ruling.id.startsWith("rul_") &&
        DECISIONS.includes(ruling.decision) &&
        Array.isArray(ruling.norms) &&
        // A summary cites norms as id@version; a whole ruling as id and version.
        ruling.norms.every(
          (n) => /^[^@]+@\d+$/.test(n.norm ?? "") || (typeof n.id === "string" && Number.isInteger(n.version)),
        )
      );
    },
  });
}
