import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoPath } from "../helpers/packs.js";
import { runCli } from "../helpers/run-cli.js";

/** A copy of the minimal pack with one file edited, as an editor would leave it. */
async function editedPack(file: string, from: string, to: string) {
  const dir = await mkdtemp(join(tmpdir(), "mores-check-"));
  await cp(repoPath("test/fixtures/packs/minimal"), dir, { recursive: true });
  const text = await readFile(join(dir, file), "utf8");
  expect(text).toContain(from);
  await writeFile(join(dir, file), text.replace(from, to));
  return dir;
}

describe("mores norms check, as an editor reads it", () => {
  it("refuses a term listed twice in a lexicon, naming file and line", async () => {
    const dir = await editedPack(
      "lexicons/abuse.yaml",
      "  - { term: dyke, group: lesbian }\n",
      "  - { term: dyke, group: lesbian }\n  - { term: DYKE, group: lesbian }\n",
    );
    const r = await runCli("norms", "check", dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${dir}/lexicons/abuse.yaml:9 terms[4].term: duplicate term "DYKE": "dyke" on line 8`);
  });

  it("shows a YAML mistake once, in plain words, under its source line with a caret", async () => {
    const dir = await editedPack("norms/hostility.yaml", "severity: medium", "severity: [medium");
    const r = await runCli("norms", "check", dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      [
        `${dir}/norms/hostility.yaml:8 column 18: a [ list is not closed with ] (or the line after it is not indented enough)`,
        "    8 | severity: [medium",
        "      |                  ^",
        `${dir}: 1 problem; the pack was not loaded`,
        "",
      ].join("\n"),
    );
  });
});
