import { vi } from "vitest";
import { evalCommand } from "../../src/cli/eval.js";
import { mores } from "../../src/cli/mores.js";

/** Runs `run` with process.stdout/stderr captured: a CLI called in-process, as bin/mores.js would call it. */
async function captured(run: () => Promise<number>) {
  let stdout = "";
  let stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation((s) => {
    stdout += s;
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation((s) => {
    stderr += s;
    return true;
  });
  try {
    return { code: await run(), stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

/** The whole CLI in-process, capturing what it prints. */
export const runCli = (...args: string[]) => captured(() => mores(args));

/** `mores eval` in-process with no environment (so no model), capturing what it prints. */
export const runEval = (...args: string[]) => captured(() => evalCommand(args, {}));
