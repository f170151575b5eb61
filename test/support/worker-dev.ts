import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoPath } from "../helpers/packs.js";
import { freePort } from "./free-port.js";

export type WorkerDev = { base: string; output: () => string; stop(): Promise<void> };

/** What a suite prints when workerd exited before the suite stopped it: the end of its output, to say why. */
const crashReport = (out: string, code: number | null) =>
  `workerd (wrangler dev) exited with ${code} before the suite stopped it; its last output:\n${out.slice(-4000)}`;

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
 * what workerd printed, including the Worker's own log lines.
 */
export async function startWorkerDev(databaseUrl: string, vars: Record<string, string>): Promise<WorkerDev> {
  const port = await freePort();
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
    "--persist-to",
    persist,
  ];
  for (const [k, v] of Object.entries(vars)) args.push("--var", `${k}:${v}`);
  const child: ChildProcess = spawn(repoPath("node_modules/.bin/wrangler"), args, {
    cwd: repoPath("."),
    env: {
      ...process.env,
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
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) {
        console.error(crashReport(out, child.exitCode));
        return resolve();
      }
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  // Up to 3 minutes: bundling and starting workerd beside many other jobs on 2 cores has taken over 60 s.
  for (let i = 0; i < 1800; i++) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}:\n${out}`);
    const up = await fetch(`${base}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { base, output: () => out, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`wrangler dev did not answer /health within 3 minutes:\n${out}`);
}
