import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoPath } from "../helpers/packs.js";
import { freePort } from "../support/free-port.js";

/**
 * `npm start` runs the compiled code in dist/ (scripts/build.mjs; the global setup rebuilds it when stale), not
 * the sources the other suites import: this starts it as a user does, on a fresh PGlite folder, and asks every
 * kind of module it serves — API, /docs, the console's JSX pages — for an answer. A module the build left out
 * (the console's .tsx once were) makes the process exit before /ready.
 */
const OPERATOR_KEY = "compiled-start-operator-key-0123";
let proc: ChildProcess;
let base: string;
let exit: Promise<number | null>;

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  proc = spawn(process.execPath, [repoPath("dist/entry/node.js")], {
    cwd: repoPath("."),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      MORES_OPERATOR_KEY: OPERATOR_KEY,
      MORES_DATA_DIR: await mkdtemp(join(tmpdir(), "mores-compiled-")),
      MORES_WORKERS: "1",
      MORES_SHUTDOWN_GRACE_MS: "0",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  proc.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  exit = new Promise((resolve) => proc.once("exit", (code) => resolve(code)));
  // Bounded by the hook's timeout; a process that exits ends the wait at once.
  while (proc.exitCode === null) {
    const ready = await fetch(`${base}/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`dist/entry/node.js exited with ${proc.exitCode}:\n${stderr}`);
}, 180_000);

afterAll(async () => {
  if (proc.exitCode === null) proc.kill("SIGTERM");
  await exit;
});

describe("the compiled service (npm start)", () => {
  it("moderates, serves /docs and the console's pages, and stops cleanly on SIGTERM", async () => {
    const moderated = await fetch(`${base}/v1/communities/default/moderate`, {
      method: "POST",
      headers: { authorization: `Bearer ${OPERATOR_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ content: { text: "You are a pathetic moron." } }),
    });
    expect(moderated.status).toBe(201);
    expect(((await moderated.json()) as { decision: string }).decision).toBe("hide");
    const docs = await fetch(`${base}/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain("swagger-ui-bundle.js");
    expect((await fetch(`${base}/docs/swagger-ui-bundle.js`)).status).toBe(200);
    const signIn = await fetch(`${base}/console/sign-in`);
    expect(signIn.status).toBe(200);
    expect(await signIn.text()).toContain("<form");
    proc.kill("SIGTERM");
    expect(await exit).toBe(0);
  });
});
