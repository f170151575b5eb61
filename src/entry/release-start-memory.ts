/**
 * Gives back the memory a start used — migrations, seeding, compiling the pack, the sentence parser's first
 * texts — before the first request, instead of whenever V8's memory reducer gets to it (30–90 s of idle, or
 * never under steady traffic). V8's low-memory notification runs full collections that also shrink the young
 * generation (grown to `--max-semi-space-size` by the start's allocations) and release free pages; JavaScript
 * reaches it only through the inspector protocol's `HeapProfiler.collectGarbage`, in-process (no port is
 * opened). A plain `gc()` (`--expose-gc`) leaves the young generation at its grown size: resident memory after
 * a first start on PGlite was 258 MB with it, 191 MB with this. It takes 75–100 ms, once per process.
 */
export async function releaseStartMemory(): Promise<void> {
  let session: import("node:inspector/promises").Session | undefined;
  try {
    const { Session } = await import("node:inspector/promises");
    session = new Session();
    session.connect();
    await session.post("HeapProfiler.collectGarbage");
  } catch {
    // A Node built without the inspector: V8 gives the memory back on its own, later.
  } finally {
    session?.disconnect();
  }
}
