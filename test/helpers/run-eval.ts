import { vi } from "vitest";
import { evalCommand } from "../../src/cli/eval.js";

/** Runs `mores eval` in-process, as main.ts would, with no environment (so no model), capturing what it prints. */
export async function runEval(...args: string[]) {
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
    return { code: await evalCommand(args, {}), stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}
