import { describe, expect, it } from "vitest";
import { compilePack, readPackDir } from "../../src/norms/load-pack.js";
import { formatPackError, type PackError } from "../../src/norms/pack-error.js";
import type { PackFiles } from "../../src/norms/parse-pack.js";
import { repoPath } from "../helpers/packs.js";

const base = () => readPackDir(repoPath("test/fixtures/packs/minimal"));

/** Applies a text edit to one file of the minimal pack and loads the result. */
async function loadWith(file: string, edit: (text: string) => string, extra: PackFiles = {}) {
  const files = { ...(await base()), ...extra };
  const before = files[file] as string;
  files[file] = edit(before);
  expect(files[file], "the edit must change the file").not.toBe(before);
  const { loaded, errors } = await compilePack(files, "pack");
  expect(loaded).toBeUndefined();
  return errors;
}

describe("a broken pack is reported by file, path and problem", () => {
  it("loads the unbroken fixture", async () => {
    const { loaded, errors } = await compilePack(await base(), "pack");
    expect(errors).toEqual([]);
    expect(loaded?.pack.norms.map((n) => n.id)).toEqual(["hostility", "slurs"]);
  });

  it("an unknown fact", async () => {
    const errors = await loadWith("norms/slurs.yaml", (t) => t.replace("fact: slur_use,", "fact: slur_usage,"));
    expect(errors.map(formatPackError)).toEqual([
      expect.stringMatching(/^pack\/norms\/slurs\.yaml:8 triggers\.all\[0\]\.fact: unknown fact "slur_usage"/),
    ]);
  });

  it("an unknown operator, and an operator that does not fit the fact", async () => {
    const errors = await loadWith("norms/hostility.yaml", (t) =>
      t.replace(
        "triggers: { all: [{ fact: group_derogation, operator: equal, value: true }] }",
        "triggers: { all: [{ fact: group_derogation, operator: equals, value: true }, { fact: categories, operator: lessThan, value: 3 }] }",
      ),
    );
    expect(errors.map((e) => [e.file, e.path, e.line])).toEqual([
      ["pack/norms/hostility.yaml", "triggers.all[0].operator", 6],
      ["pack/norms/hostility.yaml", "triggers.all[1].operator", 6],
    ]);
    expect(errors[0]?.message).toContain('unknown operator "equals"');
    expect(errors[1]?.message).toContain('operator "lessThan" does not apply to fact "categories"');
  });

  it("a lexicon, category or pattern the pack does not define", async () => {
    const errors = await loadWith("norms/hostility.yaml", (t) =>
      t.replace(
        "{ fact: group_derogation, operator: equal, value: true }",
        "{ fact: lexicons, operator: contains, value: nope }, { fact: categories, operator: contains, value: slurz }, { fact: patterns, operator: contains, value: phone }",
      ),
    );
    expect(errors.map((e) => e.message)).toEqual([
      'fact "lexicons" holds lexicon names, and the pack defines no lexicon "nope"',
      'fact "categories" holds category names, and the pack defines no category "slurz"',
      'fact "patterns" holds pattern names, and the pack defines no pattern "phone"',
    ]);
  });

  it("duplicate exception ids", async () => {
    const errors = await loadWith("norms/slurs.yaml", (t) =>
      t.replace("- id: counter-speech", "- id: in-group-reclamation"),
    );
    expect(errors).toEqual([
      {
        file: "pack/norms/slurs.yaml",
        path: "exceptions[1].id",
        line: 13,
        message: 'duplicate exception id "in-group-reclamation"',
      },
    ]);
  });

  it("duplicate norm ids across files", async () => {
    const files = await base();
    const errors = await loadWith("norms/hostility.yaml", (t) => t.replace("id: hostility", "id: slurs"), {});
    expect(errors.map(formatPackError)).toContain(
      'pack/norms/hostility.yaml:1 id: must equal the file name "hostility"',
    );
    files["norms/again/slurs.yaml"] = files["norms/slurs.yaml"] as string;
    const dup = await compilePack(files, "pack");
    expect(dup.errors.map(formatPackError)).toEqual(['pack/norms/slurs.yaml:1 id: duplicate norm id "slurs"']);
  });

  it("a term or variant listed twice in a lexicon, in any case or accent, is named at its line", async () => {
    const errors = await loadWith("lexicons/abuse.yaml", (t) =>
      t.replace(
        "  - { term: ape, category: dehumanising }\n",
        "  - { term: ape, category: dehumanising }\n  - { term: Dyke, group: lesbian }\n  - { term: fägot, group: gay }\n",
      ),
    );
    expect(errors.map(formatPackError)).toEqual([
      'pack/lexicons/abuse.yaml:13 terms[8].term: duplicate term "Dyke": "dyke" on line 8 is the same entry',
      'pack/lexicons/abuse.yaml:14 terms[9].term: duplicate term "fägot": "fagot" on line 5 is the same entry',
    ]);
  });

  it("the same spelling under another category or group is a second meaning, not a duplicate", async () => {
    const files = await base();
    files["lexicons/abuse.yaml"] = (files["lexicons/abuse.yaml"] as string).replace(
      "  - { term: ape, category: dehumanising }\n",
      "  - { term: ape, category: dehumanising }\n  - { term: ape, category: insult }\n",
    );
    expect((await compilePack(files, "pack")).errors).toEqual([]);
  });

  it("a lexicon name used by two files", async () => {
    const files = await base();
    files["lexicons/more/abuse.yaml"] = files["lexicons/abuse.yaml"] as string;
    const { errors } = await compilePack(files, "pack");
    expect(errors.map(formatPackError)).toEqual(['pack/lexicons/more/abuse.yaml:1 name: duplicate lexicon "abuse"']);
  });

  it("an exception without a description", async () => {
    const errors = await loadWith("norms/slurs.yaml", (t) =>
      t.replace("    description: A member of the targeted group reclaims the term.\n", ""),
    );
    expect(errors.map(formatPackError)).toEqual([
      'pack/norms/slurs.yaml:10 exceptions[0].description: required field "description" is missing',
    ]);
  });

  it("a norm without function or justification", async () => {
    const errors = await loadWith("norms/hostility.yaml", (t) =>
      t.replace(/^function:.*\n/m, "").replace(/^justification:.*\n/m, ""),
    );
    expect(errors.map(formatPackError)).toEqual([
      'pack/norms/hostility.yaml:1 function: required field "function" is missing',
      'pack/norms/hostility.yaml:1 justification: required field "justification" is missing',
    ]);
  });

  it("a malformed condition inside a tree, and an unknown field", async () => {
    const errors = await loadWith("norms/slurs.yaml", (t) =>
      t.replace("- { fact: quoted, operator: equal, value: true }", "- { fact: quoted, value: true, wieght: 2 }"),
    );
    expect(errors.map(formatPackError)).toEqual([
      'pack/norms/slurs.yaml:17 exceptions[1].evidence.any[0].operator: required field "operator" is missing',
      'pack/norms/slurs.yaml:17 exceptions[1].evidence.any[0]: unknown field "wieght"',
    ]);
  });

  it("a YAML syntax error is said once, in plain words, with the source line and a caret", async () => {
    const errors = await loadWith("norms/hostility.yaml", (t) => t.replace("severity: medium", "severity: [medium"));
    expect(errors.map(formatPackError)).toEqual([
      [
        "pack/norms/hostility.yaml:8 column 18: a [ list is not closed with ] (or the line after it is not indented enough)",
        "    8 | severity: [medium",
        "      |                  ^",
      ].join("\n"),
    ]);
  });

  it.each([
    ["note: Do not: do this", 'if the value contains ": ", put it in quotes', "      ^"],
    ['nickname: "No hostility', 'a double-quoted value is never closed (a " is missing)', undefined],
    ["\tpurpose: x", "a tab is used for indentation: indent with spaces", undefined],
    ["id: other", "this key appears twice in the same map", "^"],
  ])("YAML mistake %j is named in plain words", async (line, words, caret) => {
    const errors = await loadWith("norms/hostility.yaml", (t) =>
      t.replace("severity: medium", `severity: medium\n${line}`),
    );
    expect(errors).toHaveLength(1);
    const [head, source, under] = formatPackError(errors[0] as PackError).split("\n");
    expect(head).toMatch(/^pack\/norms\/hostility\.yaml:\d+ column \d+: /);
    expect(head).toContain(words);
    expect(source).toMatch(/^ {4}\d+ \| /);
    expect(under).toMatch(/^ {4} *\| *\^$/);
    if (caret) expect(under?.replace(/^ +\| /, "")).toBe(caret);
  });

  it("a term for a group that does not exist", async () => {
    const errors = await loadWith("lexicons/abuse.yaml", (t) => t.replace("group: lesbian", "group: lesbians"));
    expect(errors.map(formatPackError)).toEqual([
      'pack/lexicons/abuse.yaml:8 terms[3].group: unknown group "lesbians" (define it in groups.yaml)',
    ]);
  });

  it("an example naming an exception the norm does not have", async () => {
    const errors = await loadWith("norms/slurs.yaml", (t) =>
      t.replace("exception: in-group-reclamation", "exception: reclaiming"),
    );
    expect(errors.map((e) => [e.path, e.message])).toEqual([
      ["examples[1].exception", 'norm "slurs" has no exception "reclaiming"'],
    ]);
  });

  it("an invalid regular expression", async () => {
    const files = {
      ...(await base()),
      "patterns.yaml": "patterns:\n  - { id: bad, description: broken, regex: '([a-z' }\n",
    };
    const { errors } = await compilePack(files, "pack");
    expect(errors.map(formatPackError)).toEqual([
      expect.stringMatching(/^pack\/patterns\.yaml:2 patterns\[0\]\.regex: not a valid regular expression: /),
    ]);
  });

  it("a missing folder is an error, not an exception", async () => {
    const { loadPackDir } = await import("../../src/norms/load-pack.js");
    const { errors } = await loadPackDir("/nonexistent/pack");
    expect(errors.map(formatPackError)).toEqual(["/nonexistent/pack: cannot read the pack folder: ENOENT"]);
  });
});
