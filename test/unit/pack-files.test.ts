import { describe, expect, it } from "vitest";
import { readPackDir } from "../../src/norms/load-pack.js";
import { formatPackError } from "../../src/norms/pack-error.js";
import { packToFiles } from "../../src/norms/pack-files.js";
import { type PackFiles, parsePack } from "../../src/norms/parse-pack.js";
import { repoPath } from "../helpers/packs.js";

async function load(dir: string) {
  const { pack, errors } = parsePack(await readPackDir(repoPath(dir)), dir);
  expect(errors.map(formatPackError)).toEqual([]);
  if (!pack) throw new Error(`${dir} must load`);
  return pack;
}

const reparse = (files: PackFiles) => {
  const { pack, errors } = parsePack(files, "written");
  expect(errors.map(formatPackError)).toEqual([]);
  return pack;
};

describe("writing a pack back to its files", () => {
  it("gives back the default pack unchanged when the files are read again", async () => {
    const pack = await load("norms/default");
    expect(reparse(packToFiles(pack))).toEqual(pack);
  });

  it("writes the same bytes every time, and rewriting its own output changes nothing", async () => {
    const pack = await load("norms/default");
    const files = packToFiles(pack);
    expect(packToFiles(structuredClone(pack))).toEqual(files);
    const again = reparse(files);
    if (!again) throw new Error("the written pack must load");
    expect(packToFiles(again)).toEqual(files);
  });

  it("lays the files out as a pack folder, each with its schema hint", async () => {
    const pack = await load("norms/default");
    const files = packToFiles(pack);
    expect(Object.keys(files).sort()).toEqual(
      [
        "pack.yaml",
        "groups.yaml",
        "patterns.yaml",
        ...pack.norms.map((n) => `norms/${n.id}.yaml`),
        ...pack.lexicons.map((l) => `lexicons/${l.name}.yaml`),
      ].sort(),
    );
    expect(files["pack.yaml"]).toMatch(
      /^# yaml-language-server: \$schema=\.\.\/schema\/pack\.schema\.json\nid: default\n/,
    );
    expect(files["norms/slurs.yaml"]).toMatch(
      /^# yaml-language-server: \$schema=\.\.\/\.\.\/schema\/norm\.schema\.json\n/,
    );
    expect(files["lexicons/slurs.yaml"]).toMatch(
      /^# yaml-language-server: \$schema=\.\.\/\.\.\/schema\/lexicon\.schema/,
    );
  });

  it("writes lexicons as an editor would: a default category, plain words, only the fields that say something", async () => {
    const files = packToFiles(await load("norms/default"));
    const insults = files["lexicons/insults.yaml"] ?? "";
    expect(insults).toContain("\ncategory: insult\nterms:\n  - idiot\n");
    expect(insults).toContain("\n  - { term: dumbo, homonym: true }\n");
    expect(insults).toContain("\n  - { term: shit, category: profanity, variants: [ shite, shyt, shiz ] }\n");
    for (const [path, text] of Object.entries(files)) {
      if (!path.startsWith("lexicons/")) continue;
      expect(text).not.toMatch(/lexicon:|homonym: false|variants: \[\s*\]/);
    }
  });

  it("leaves out groups.yaml and patterns.yaml when the pack has none, and still reads back", async () => {
    const pack = { ...(await load("test/fixtures/packs/minimal")), patterns: [] };
    const files = packToFiles(pack);
    expect(files["groups.yaml"]).toBeDefined();
    expect(files["patterns.yaml"]).toBeUndefined();
    expect(reparse(files)).toEqual(pack);
    const noGroups = packToFiles({ ...pack, groups: [] });
    expect(noGroups["groups.yaml"]).toBeUndefined();
  });
});
