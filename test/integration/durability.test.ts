import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { repoPath } from "../helpers/packs.js";
import { freePort } from "../support/free-port.js";

let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill("SIGKILL");
});

/**
 * Starts `npm start`'s entry as its own process on the embedded default, as a
 * user would (no MORES_OPERATOR_KEY), and waits for /ready. `printed` is what
 * it wrote to the terminal (stderr): the operator key on first start; `logged`
 * is its JSON log stream (stdout), which must never hold the key.
 */
async function start(
  dataDir: string,
  port: number,
): Promise<{ proc: ChildProcess; printed: () => string; logged: () => string }> {
  const { MORES_OPERATOR_KEY: _unset, ...env } = process.env;
  const proc = spawn(process.execPath, ["--import", "tsx", repoPath("src/entry/node.ts")], {
    cwd: repoPath("."),
    env: { ...env, PORT: String(port), HOST: "127.0.0.1", MORES_DATA_DIR: dataDir, LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  proc.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  proc.stderr?.on("data", (d: Buffer) => {
    err += d.toString();
  });
  // No count of tries: on a busy machine a cold start (tsx, PGlite, migrations) can take long; the test's own
  // timeout bounds the wait, and a process that exits ends it at once.
  while (proc.exitCode === null && proc.signalCode === null) {
    const ok = await fetch(`http://127.0.0.1:${port}/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { proc, printed: () => err, logged: () => out };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the service exited (${proc.exitCode ?? proc.signalCode}) before it was ready`);
}

describe("durability on the embedded default", () => {
  it("a ruling that was answered survives the process being killed (SIGKILL) and restarted", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "mores-data-"));
    const port = await freePort();
    const first = await start(dataDir, port);
    child = first.proc;
    const key = /mores_key_[\w-]+/.exec(first.printed())?.[0];
    expect(key, "first start prints the generated operator key").toBeDefined();
    expect(first.logged(), "the key is never in the log stream").not.toContain(key);
    const authorization = `Bearer ${key}`;
    const res = await fetch(`http://127.0.0.1:${port}/v1/communities/default/moderate`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization },
      body: JSON.stringify({ content: { text: "I will kill you." } }),
    });
    const ruling = (await res.json()) as { id: string; decision: string };
    expect(ruling.decision).toBe("remove");
    child.kill("SIGKILL"); // no graceful shutdown: the answer must already have been durable
    await new Promise((r) => child?.once("exit", r));

    const second = await start(dataDir, port);
    child = second.proc;
    const again = await fetch(`http://127.0.0.1:${port}/v1/communities/default/rulings/${ruling.id}`, {
      headers: { authorization },
    });
    expect(second.printed(), "the key is printed only once").not.toContain("mores_key_");
    expect(again.status).toBe(200);
    expect(((await again.json()) as { decision: string }).decision).toBe("remove");
  }, 300_000);
});
