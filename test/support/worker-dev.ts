import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { repoPath } from "../helpers/packs.js";
import { freePort } from "./free-port.js";

export type WorkerDev = { base: string; output: () => string; exited: () => string | undefined; stop(): Promise<void> };

/**
 * What a suite prints when workerd exited before the suite stopped it: on its first line, the last line of its
 * output that names an error (CI logs keep only a failure's first line), then the end of its output.
 */
const crashReport = (out: string, how: number | string) => {
  const cause = out
    .split("\n")
    .filter((l) => /error|fatal|exception/i.test(l))
    .at(-1)
    ?.trim();
  return `workerd (wrangler dev) exited with ${how} before the suite stopped it${cause ? `: ${cause}` : ""}; its last output:\n${out.slice(-4000)}`;
};

/**
 * wrangler.toml without its `[assets]` table (the last in the file), for `wrangler dev`: with static assets
 * configured, miniflare answers the local scheduled-event endpoint with "exception" (workers-sdk #9882, fixed
 * after the wrangler this repo pins), so the Cron Trigger suite could not run. Deployed Workers are unaffected,
 * and no suite asks workerd for /docs' files; `test/workers/bundle.test.ts` checks them.
 */
async function devConfig(dir: string): Promise<string> {
  const toml = await readFile(repoPath("wrangler.toml"), "utf8");
  const withoutAssets = toml.replace(/\n\[assets\][\s\S]*$/, "\n");
  const config = join(dir, "wrangler.toml");
  await writeFile(
    config,
    withoutAssets.replace(/^main = "(.*)"$/m, (_m, main: string) => `main = "${repoPath(main)}"`),
  );
  return config;
}

/**
 * Runs the Worker in the real workerd runtime (`wrangler dev --local`,
 * offline), with its Hyperdrive binding pointed at `databaseUrl` through the
 * local connection string, and waits until it answers /health. `output` is
 * what workerd printed, including the Worker's own log lines; `exited` says
 * why it is gone, once it is.
 */
export async function startWorkerDev(databaseUrl: string, vars: Record<string, string>): Promise<WorkerDev> {
  // A port chosen free can be taken before wrangler binds it (another suite starting workerd at that moment):
  // that start fails at once with "Address already in use", and another pair of ports is tried.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(databaseUrl, vars);
    } catch (e) {
      if (attempt === 3 || !(e instanceof PortTaken)) throw e;
    }
  }
}

class PortTaken extends Error {}

const SOCKET_GUARD = repoPath("test/support/wrangler-socket-guard.mjs");

async function startOnce(databaseUrl: string, vars: Record<string, string>): Promise<WorkerDev> {
  const port = await freePort();
  // Its own devtools port: by default every `wrangler dev` binds 9229, so two suites starting workerd at the
  // same moment raced for it and the loser's workerd died ("Address already in use"), failing a whole suite.
  const inspectorPort = await freePort();
  const persist = await mkdtemp(join(tmpdir(), "mores-wrangler-"));
  const config = await devConfig(persist);
  const args = [
    "dev",
    "--config",
    config,
    "--local",
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--inspector-port",
    String(inspectorPort),
    "--persist-to",
    persist,
  ];
  for (const [k, v] of Object.entries(vars)) args.push("--var", `${k}:${v}`);
  const child: ChildProcess = spawn(repoPath("node_modules/.bin/wrangler"), args, {
    cwd: repoPath("."),
    env: {
      ...process.env,
      // One dropped connection must not end wrangler dev (wrangler-socket-guard.mjs says why it did).
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import=${pathToFileURL(SOCKET_GUARD).href}`.trim(),
      CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE: databaseUrl,
      CLOUDFLARE_CF_FETCH_ENABLED: "false",
      WRANGLER_SEND_METRICS: "false",
      NO_COLOR: "1",
      CI: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  const base = `http://127.0.0.1:${port}`;
  // How it ended: an exit code, or the signal that killed it (then exitCode stays null).
  const ended = () => child.exitCode ?? child.signalCode;
  const exited = () => {
    const how = ended();
    return how === null ? undefined : crashReport(out, how);
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      const report = exited();
      if (report) {
        console.error(report);
        return resolve();
      }
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  // Up to 3 minutes: bundling and starting workerd beside many other jobs on 2 cores has taken over 60 s.
  for (let i = 0; i < 1800; i++) {
    if (ended() !== null) {
      const message = `wrangler dev exited with ${ended()}:\n${out}`;
      throw out.includes("Address already in use") ? new PortTaken(message) : new Error(message);
    }
    const up = await fetch(`${base}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { base, output: () => out, exited, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`wrangler dev did not answer /health within 3 minutes:\n${out}`);
}

/**
 * What wrangler dev's proxy answers (503, plain text, not mores's problem+json) when its own fetch to the Worker
 * fails, which a burst of moderations on a loaded machine provokes now and then (CI on 2026-12-02: one of 300;
 * wrangler's output showed no reload and no error). The deployed Worker has no such proxy.
 */
const DEV_PROXY_DROPPED = "Your worker restarted mid-request";

/**
 * `send`, and once more (at most twice more) when wrangler dev's proxy dropped it, as its answer asks. Only for
 * requests a platform may safely send again (with a content id or an Idempotency-Key: a second send replays a
 * recorded ruling). `attempts` says how many sends it took.
 */
export async function sendAgainIfDevProxyDropped(
  send: () => Promise<Response>,
): Promise<{ res: Response; attempts: number }> {
  for (let attempts = 1; ; attempts++) {
    const res = await send();
    if (res.status !== 503 || attempts === 3) return { res, attempts };
    if (!(await res.clone().text()).includes(DEV_PROXY_DROPPED)) return { res, attempts };
  }
}
