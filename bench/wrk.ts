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
  /** CPU seconds wrk itself used: the load generator shares the machine's cores with the server. */
  loadCpuSeconds: number;
};

/**
 * One wrk run (the C load generator: it costs the machine far less CPU than a JS one, which matters when the
 * server, PostgreSQL and the load share two cores) POSTing `bodiesFile`'s lines in turn.
 */
export async function wrk(
  url: string,
  options: { seconds: number; connections: number; bodiesFile: string; auth?: string; prefer?: string },
): Promise<LoadResult> {
  // Through a shell that prints, once wrk has exited, its own /proc stat: fields 16-17 (cutime, cstime) are the
  // CPU of the children it waited for, i.e. wrk's.
  const { stdout } = await promisify(execFile)(
    "sh",
    [
      "-c",
      'wrk "$@"; echo "stat $(cat /proc/$$/stat)"',
      "sh",
      "-t2",
      `-c${options.connections}`,
      `-d${options.seconds}s`,
      "--timeout",
      "5s",
      "-s",
      "bench/wrk-post.lua",
      url,
    ],
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
  const stat = stdout.split("\n").find((l) => l.startsWith("stat "));
  const fields = stat ? stat.slice(stat.lastIndexOf(")") + 2).split(" ") : [];
  const requests = f.requests ?? 0;
  const non2xx = f.non2xx ?? 0;
  return {
    rps: requests / ((f.duration_us ?? 1) / 1e6),
    p50: f.p50_ms ?? 0,
    p99: f.p99_ms ?? 0,
    ok: requests - non2xx,
    failed: non2xx + (f.socket_errors ?? 0),
    bytesPerAnswer: requests > 0 ? Math.round((f.bytes ?? 0) / requests) : 0,
    // USER_HZ is 100 on Linux; 0 where /proc is missing.
    loadCpuSeconds: (Number(fields[13] ?? 0) + Number(fields[14] ?? 0)) / 100,
  };
}
