import { execFileSync } from "node:child_process";

/**
 * Tests that spawn bin/mores.js run the compiled CLI in dist/: rebuild it when a source is newer, so they
 * never test yesterday's code. Well under a second; nothing when dist/ is current (as after npm ci).
 */
export default function setup() {
  execFileSync(process.execPath, ["scripts/build.mjs", "--if-stale"], { stdio: "inherit" });
}
