import { execFile } from "node:child_process";
import { promisify } from "node:util";

export type LoadResult = {
  rps: number;
  p50: number;
  p99: number;
  /** Answers with a 2xx status. */
  ok: number;
  failed: number;
  /** Bytes per answer on the wire, status line and headers included. */
  bytesPerAnswer: number;
};

/**
 * One wrk run (the C load generator: it costs the machine far less CPU than a JS one, which matters when the
 * server, PostgreSQL and the load share two cores) POSTing `bodiesFile`'s lines in turn.
 */
export async function wrk(
  url: string,
  options: { seconds: number; connections: number; bodiesFile: string; auth?: string; prefer?: string },
): Promise<LoadResult> {
  const { stdout } = await promisify(execFile)(
    "wrk",
    ["-t2", `-c${options.connections}`, `-d${options.seconds}s`, "--timeout", "5s", "-s", "bench/wrk-post.lua", url],
    {
      env: {
        ...process.env,
        BENCH_BODIES: options.bodiesFile,
        BENCH_PATH: new URL(url).pathname,
        BENCH_AUTH: options.auth ?? "",
        BENCH_PREFER: options.prefer ?? "",
      },
    },
  );
  const line = stdout.split("\n").find((l) => l.startsWith("{"));
  if (!line) throw new Error(`wrk printed no figures:\n${stdout}`);
  const f = JSON.parse(line) as Record<string, number>;
  const requests = f.requests ?? 0;
  const non2xx = f.non2xx ?? 0;
  return {
    rps: requests / ((f.duration_us ?? 1) / 1e6),
    p50: f.p50_ms ?? 0,
    p99: f.p99_ms ?? 0,
    ok: requests - non2xx,
    failed: non2xx + (f.socket_errors ?? 0),
    bytesPerAnswer: requests > 0 ? Math.round((f.bytes ?? 0) / requests) : 0,
  };
}
