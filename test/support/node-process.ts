import { type ChildProcess, spawn } from "node:child_process";
import { type Agent, request } from "node:http";
import { repoPath } from "../helpers/packs.js";

/**
 * `npm start`'s entry as its own process (node --import tsx, as the start
 * script runs it), with its JSON log lines (stdout) and terminal output
 * (stderr) kept, and a wait for /ready.
 */
export type NodeProcess = {
  proc: ChildProcess;
  logs: () => Array<Record<string, unknown> & { msg: string }>;
  stderr: () => string;
  exited: Promise<number | null>;
};

export async function startNodeProcess(env: Record<string, string>, port: number): Promise<NodeProcess> {
  const proc = spawn(process.execPath, ["--import", "tsx", repoPath("src/entry/node.ts")], {
    cwd: repoPath("."),
    env: { PATH: process.env.PATH ?? "", HOST: "127.0.0.1", PORT: String(port), ...env },
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
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  const started = Date.now();
  while (Date.now() - started < 90_000) {
    const ok = await send({ port, method: "GET", path: "/ready" }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    if (proc.exitCode !== null) throw new Error(`the service exited ${proc.exitCode}: ${err}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    proc,
    exited,
    stderr: () => err,
    logs: () =>
      out
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l)),
  };
}

export type Sent = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/**
 * One request with node:http, so a refused connection (ECONNREFUSED) can be
 * told from a request that failed once sent. Without an agent, each request
 * has a connection of its own: node:cluster spreads those across workers.
 */
export function send(o: {
  port: number;
  method: string;
  path: string;
  key?: string;
  body?: unknown;
  agent?: Agent;
  headers?: Record<string, string>;
}): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const body = o.body === undefined ? undefined : JSON.stringify(o.body);
    const req = request(
      {
        host: "127.0.0.1",
        port: o.port,
        method: o.method,
        path: o.path,
        agent: o.agent ?? false,
        headers: {
          ...o.headers,
          ...(o.key ? { authorization: `Bearer ${o.key}` } : {}),
          ...(body ? { "content-type": "application/json", "content-length": Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => {
          text += c;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
        res.on("error", reject);
      },
    );
    // Whether the request went out on a kept-alive connection (a reset there is a server closing a live connection).
    req.on("error", (e) => reject(Object.assign(e, { reusedSocket: req.reusedSocket })));
    req.end(body);
  });
}
