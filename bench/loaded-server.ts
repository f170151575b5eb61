/**
 * The server latency-tail.ts and in-flight-heap.ts measure: `npm start`'s compiled entry, one process, on a
 * throwaway PostgreSQL (fsync on), with a platform key and the corpus as wrk's bodies, loaded as `npm run bench`
 * loads it (50 connections, `Prefer: return=minimal`).
 */
import { writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../test/support/free-port.js";
import { startPgCluster } from "../test/support/pg-cluster.js";
import { corpusBodies } from "./corpus.js";
import { platformKey, startMores, stop } from "./serve.js";

/** `nodeArgs` gets the run's scratch directory (e.g. for `--diagnostic-dir`). */
export async function loadedServer(name: string, nodeArgs: (work: string) => string[]) {
  const work = await mkdtemp(join(tmpdir(), `mores-${name}-`));
  const bodiesFile = join(work, "bodies.jsonl");
  writeFileSync(bodiesFile, corpusBodies());
  const cluster = await startPgCluster({ durable: true });
  if (!cluster) throw new Error("PostgreSQL binaries not found");
  const close = async (mores?: Awaited<ReturnType<typeof startMores>>) => {
    if (mores) await stop(mores); // loop-watch and the like print their lines as the server exits
    cluster.stop();
    await rm(work, { recursive: true, force: true });
  };
  // As npm run bench: the check bucket opened wide, so /check measures checks, not 429s.
  const env = {
    DATABASE_URL: cluster.url,
    MORES_DB_POOL: "16",
    MORES_WORKERS: "1",
    MORES_CHECK_RATE_LIMIT_PER_SECOND: "1000000",
  };
  const port = await freePort();
  const mores = await startMores(port, env, nodeArgs(work)).catch(async (e: unknown) => {
    await close();
    throw e;
  });
  const url = `http://127.0.0.1:${port}`;
  const auth = await platformKey(url, name);
  return {
    work,
    url,
    mores,
    load: { connections: 50, bodiesFile, auth, prefer: "return=minimal" },
    close: () => close(mores),
  };
}
