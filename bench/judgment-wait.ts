/**
 * npm run bench:wait — /moderate latency for content that needs the model,
 * when the model answers after 2 s and the platform sends `Prefer: wait=0.2`
 * (issue 15: p99 under 300 ms). mores runs as `npm start` does, on PGlite,
 * judging through the real LangChain client against the scripted
 * OpenAI-compatible model of the tests. Every answer should be a provisional
 * ruling; the run then waits until each has been superseded by the model's.
 *
 * Usage: npm run bench:wait [-- seconds=15 connections=10 wait=0.2 delay=2000]
 */
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { freePort } from "../test/support/free-port.js";
import { judgment, startScriptedLlm } from "../test/support/scripted-llm.js";
import { OPERATOR_KEY, startMores, stop } from "./serve.js";

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`${name}=`))?.split("=")[1] ?? fallback);
const seconds = arg("seconds", 15);
const connections = arg("connections", 10);
const wait = arg("wait", 0.2);
const delayMs = arg("delay", 2000);

const { needs_judgment: requests } = parse(readFileSync("test/fixtures/judgment-wait.yaml", "utf8")) as {
  needs_judgment: Array<{ content: { id: string; text: string } }>;
};
const headers = {
  authorization: `Bearer ${OPERATOR_KEY}`,
  "content-type": "application/json",
  prefer: `wait=${wait}`,
};
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;

const llm = await startScriptedLlm();
llm.respondWith(() => ({ delayMs, content: judgment({ verdict: "violates" }) }));
const dataDir = await mkdtemp(join(tmpdir(), "mores-bench-wait-"));
const port = await freePort();
const base = `http://127.0.0.1:${port}/v1/communities/default`;
const mores = await startMores(port, {
  MORES_DATA_DIR: dataDir,
  REASONER_PROVIDER: "openai",
  REASONER_MODEL: "scripted-judge",
  REASONER_BASE_URL: llm.url,
  REASONER_API_KEY: "bench-key",
  REASONER_MAX_RETRIES: "0",
  // Every request asks the model again (no cache); identical ones in flight still share one call.
  REASONER_CACHE_SIZE: "0",
});
try {
  // One warm-up request: the norm set's first compilation is not what is measured.
  await fetch(`${base}/moderate`, { method: "POST", headers, body: JSON.stringify(requests[0]) });
  /** Sends `texts` round robin from `connections` loops for `seconds`; latencies and what came back. */
  const run = async (texts: string[]) => {
    const latencies: number[] = [];
    let provisional = 0;
    let n = 0;
    const until = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < until) {
          // No content id: each request is a new ruling, never the replay of an earlier one.
          const body = JSON.stringify({ content: { text: texts[n++ % texts.length] } });
          const t0 = performance.now();
          const res = await fetch(`${base}/moderate`, { method: "POST", headers, body });
          const ruling = (await res.json()) as { status?: string };
          latencies.push(performance.now() - t0);
          if (res.status === 201 && ruling.status === "pending_judgment") provisional++;
        }
      }),
    );
    latencies.sort((a, b) => a - b);
    const ms = (v: number) => `${v.toFixed(0)} ms`;
    const at = (p: number) => ms(percentile(latencies, p));
    return `${latencies.length} answers (${provisional} provisional): p50 ${at(0.5)}  p90 ${at(0.9)}  p99 ${at(0.99)}  max ${ms(latencies.at(-1) ?? 0)}`;
  };
  console.log(
    `${seconds} s each at ${connections} connections, Prefer: wait=${wait}, a model that answers in ${delayMs} ms`,
  );
  // The control: content no norm sends to the model, on the same server and machine.
  console.log(
    `no judgment needed:  ${await run(["See you at the match tonight!", "Great photo, thanks for sharing."])}`,
  );
  const before = llm.received.length;
  console.log(`judgment needed:     ${await run(requests.map((r) => r.content.text))}`);
  console.log(`model calls: ${llm.received.length - before}`);
} finally {
  await stop(mores);
  await llm.close();
  await rm(dataDir, { recursive: true, force: true });
}
