/**
 * Runs `stop` once, on the first SIGTERM or SIGINT (a second signal while
 * stopping changes nothing: in-flight requests are still answered). Should
 * stopping itself fail, the process exits 1 rather than hang.
 */
export function onStopSignal(stop: (signal: NodeJS.Signals) => void | Promise<void>): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    Promise.resolve()
      .then(() => stop(signal))
      .catch((e: unknown) => {
        process.stderr.write(`mores: stopping failed: ${(e as Error).stack ?? String(e)}\n`);
        process.exit(1);
      });
  };
  process.on("SIGTERM", handle);
  process.on("SIGINT", handle);
}
