import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SERVER_NODE_FLAGS, withServerFlags } from "../../src/entry/server-flags.js";
import { repoPath } from "../helpers/packs.js";

describe("the server's V8 flags", () => {
  it("are on npm start's command line, before the entry", () => {
    const start = (JSON.parse(readFileSync(repoPath("package.json"), "utf8")) as { scripts: { start: string } }).scripts
      .start;
    const before = start.slice(0, start.indexOf("dist/entry/node.js")).split(/\s+/);
    for (const flag of SERVER_NODE_FLAGS) expect(before).toContain(flag);
  });

  it("are added to a worker's flags, except where the command line set the same flag", () => {
    expect(withServerFlags(["--enable-source-maps"])).toEqual([...SERVER_NODE_FLAGS, "--enable-source-maps"]);
    expect(withServerFlags(["--max-semi-space-size=16"])).toEqual(["--liftoff-only", "--max-semi-space-size=16"]);
    expect(withServerFlags(["--no-liftoff-only"])).toEqual(["--max-semi-space-size=64", "--no-liftoff-only"]);
  });
});
