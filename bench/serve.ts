import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** The operator key the benchmarks start mores with. */
export const OPERATOR_KEY = "bench-operator-key-0123456789";

/** Polls `url` every `everyMs` until it answers 2xx; fails if the process exits first or after a minute. */
export async function waitFor(url: string, proc: ChildProcess, method = "GET", everyMs = 100) {
  for (let i = 0; i < 60_000 / everyMs; i++) {
    if (proc.exitCode !== null) throw new Error(`${url}: the server exited with ${proc.exitCode}`);
    if (
      await fetch(url, { method }).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`${url} did not come up`);
}

/**
 * `npm start`'s compiled entry (dist/; `npm run build`) as its own process on `port`, ready; `nodeArgs` go
 * after the tree's own `npm start` flags (e.g. heap flags: the last one given wins); `cwd` another tree's copy
 * (A/B runs against main).
 */
export async function startMores(port: number, env: Record<string, string>, nodeArgs: string[] = [], cwd = ".") {
  execFileSync(process.execPath, ["scripts/build.mjs", "--if-stale"], { stdio: "inherit", cwd });
  const proc = spawnMores(port, env, nodeArgs, cwd);
  await waitFor(`http://127.0.0.1:${port}/ready`, proc);
  return proc;
}

/** The same process, spawned and not waited for (bench/start.ts times it to /ready); dist/ must be built. */
export function spawnMores(port: number, env: Record<string, string>, nodeArgs: string[] = [], cwd = ".") {
  return spawn(process.execPath, [...startFlags(cwd), ...nodeArgs, "dist/entry/node.js"], {
    cwd,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      MORES_OPERATOR_KEY: OPERATOR_KEY,
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/** The Node flags the tree's `npm start` runs its entry with (package.json), so a bench measures what it starts. */
export function startFlags(cwd: string): string[] {
  const { scripts } = JSON.parse(readFileSync(join(cwd, "package.json"), "utf8")) as { scripts: { start: string } };
  const command = /\bnode\s+(.*?)\s*dist\/entry\/node\.js/.exec(scripts.start);
  return (command?.[1] ?? "").split(/\s+/).filter(Boolean);
}

/** SIGTERM, and wait for the exit. */
export const stop = (p: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (p.exitCode !== null) return resolve();
    p.once("exit", () => resolve());
    p.kill("SIGTERM");
  });

/** A platform key, as a real platform sends: authentication, its cache and the rate limiter are on the path. */
export async function platformKey(url: string, name = "bench"): Promise<string> {
  const res = await fetch(`${url}/v1/communities/default/keys`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${OPERATOR_KEY}` },
    body: JSON.stringify({ role: "platform", name, rate_limit: { per_second: 1_000_000 } }),
  });
  if (res.status !== 201) throw new Error(`creating the ${name} key failed: ${res.status} ${await res.text()}`);
  return `Bearer ${((await res.json()) as { key: string }).key}`;
}
