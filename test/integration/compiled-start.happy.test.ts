import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repoPath } from "../helpers/packs.js";
import { freePort } from "../support/free-port.js";
import { type PgCluster, startPgCluster } from "../support/pg-cluster.js";
import { judgment, type ScriptedLlm, scriptedReasonerEnv, startScriptedLlm } from "../support/scripted-llm.js";

/**
 * `npm start` runs the compiled code in dist/ (scripts/build.mjs; the global setup rebuilds it when stale), not
 * the sources the other suites import: its entry is one bundle of our modules and most packages, split at dynamic
 * imports. This starts it as a user does — on a fresh PGlite folder, and with two worker processes on a real
 * PostgreSQL — and asks every kind of module it serves for an answer: the API through the rules, the sentence
 * parser and the language reader (loaded on demand), the model clients (a chunk of their own, loaded only with a
 * model; on PGlite, against the scripted model), /metrics, /docs, the console's JSX pages. A module the build
 * left out, or a package that does not survive bundling, makes the process exit before /ready or answer wrongly.
 */
const OPERATOR_KEY = "compiled-start-operator-key-0123";
const sentence = (parse(readFileSync(repoPath("test/fixtures/sentence-cases.yaml"), "utf8")) as Case[]).find((c) =>
  c.facts?.includes("sentence_parsed"),
) as Case;
const foreign = (
  parse(readFileSync(repoPath("test/fixtures/language-cases.yaml"), "utf8")) as {
    foreign: Array<{ code: string; text: string }>;
  }
).foreign[0] as { code: string; text: string };
type Case = { text: string; facts?: string[] };
/** A text the default pack sends to the model. */
const judged = (
  parse(readFileSync(repoPath("test/fixtures/judgment-wait.yaml"), "utf8")) as {
    needs_judgment: Array<{ content: { text: string } }>;
  }
).needs_judgment[0]?.content.text as string;

type Started = { base: string; proc: ChildProcess; exit: Promise<number | null> };

async function start(env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const proc = spawn(process.execPath, [repoPath("dist/entry/node.js")], {
    cwd: repoPath("."),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      MORES_OPERATOR_KEY: OPERATOR_KEY,
      MORES_SHUTDOWN_GRACE_MS: "0",
      ...env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  proc.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const exit = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  // Bounded by the hook's timeout; a process that exits ends the wait at once.
  while (proc.exitCode === null) {
    const ready = await fetch(`${base}/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { base, proc, exit };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`dist/entry/node.js exited with ${proc.exitCode}:\n${stderr}`);
}

const moderate = async (base: string, text: string) => {
  const res = await fetch(`${base}/v1/communities/default/moderate`, {
    method: "POST",
    headers: { authorization: `Bearer ${OPERATOR_KEY}`, "content-type": "application/json" },
    body: JSON.stringify({ content: { text } }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as {
    decision: string;
    norms: Array<{ id: string }>;
    language?: string | null;
    facts: Record<string, unknown>;
  };
};

/** What a user of either backend sees from the compiled service, then a clean stop on SIGTERM. */
async function servesEverything({ base, proc, exit }: Started) {
  expect((await moderate(base, "You are a pathetic moron.")).decision).toBe("hide");
  const parsed = await moderate(base, sentence.text);
  for (const fact of sentence.facts ?? []) expect(parsed.facts[fact], fact).toBe(true);
  expect((await moderate(base, foreign.text)).language).toBe(foreign.code);
  const metrics = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${OPERATOR_KEY}` } });
  expect(metrics.status).toBe(200);
  expect(await metrics.text()).toMatch(/^mores_\w+/m);
  const docs = await fetch(`${base}/docs`);
  expect(docs.status).toBe(200);
  expect(await docs.text()).toContain("swagger-ui-bundle.js");
  expect((await fetch(`${base}/docs/swagger-ui-bundle.js`)).status).toBe(200);
  const signIn = await fetch(`${base}/console/sign-in`);
  expect(signIn.status).toBe(200);
  expect(await signIn.text()).toContain("<form");
  proc.kill("SIGTERM");
  expect(await exit).toBe(0);
}

describe("the compiled service (npm start) on PGlite, with a model", () => {
  let llm: ScriptedLlm;
  let started: Started | undefined;
  beforeAll(async () => {
    llm = await startScriptedLlm();
    llm.respondWith(() => ({ content: judgment({ verdict: "violates" }) }));
    started = await start({
      MORES_DATA_DIR: await mkdtemp(join(tmpdir(), "mores-compiled-")),
      MORES_WORKERS: "1",
      ...scriptedReasonerEnv(llm.url),
    });
  }, 180_000);
  afterAll(async () => {
    if (started && started.proc.exitCode === null) started.proc.kill("SIGTERM");
    await started?.exit;
    await llm?.close();
  });

  it("moderates, parses, reads languages, asks the model, serves /metrics, /docs and the console, and stops", async () => {
    const { base } = started as Started;
    const ruled = await moderate(base, judged);
    expect(ruled.decision).toBe("remove");
    expect(ruled.norms.find((n) => n.id === "slurs")).toMatchObject({
      outcome: "violated",
      judgment: { output: { verdict: "violates" } },
    });
    expect(llm.received.length).toBe(1);
    await servesEverything(started as Started);
  });
});

describe("the compiled service (npm start) on PostgreSQL with two workers", () => {
  let cluster: PgCluster | null = null;
  let started: Started | undefined;
  beforeAll(async () => {
    cluster = await startPgCluster();
    if (cluster) started = await start({ DATABASE_URL: cluster.url, MORES_WORKERS: "2" });
  }, 180_000);
  afterAll(async () => {
    if (started && started.proc.exitCode === null) started.proc.kill("SIGTERM");
    await started?.exit;
    cluster?.stop();
  });

  it("does the same from forked workers", async (ctx) => {
    if (!started) return ctx.skip();
    await servesEverything(started);
  });
});
