import { vi } from "vitest";
import { mores } from "../../src/cli/mores.js";

/** Runs the CLI in-process, as bin/mores.js would, capturing what it prints. */
export async function runCli(...args: string[]) {
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
    return { code: await mores(args), stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}
