import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { computeFacts } from "../../src/facts/compute.js";
import { pack, repoPath } from "../helpers/packs.js";

type Case = { text: string; term: string; excerpt: string };
const fixture = parse(readFileSync(repoPath("test/fixtures/lexical-evasions.yaml"), "utf8")) as {
  reads: Record<string, Case[]>;
  leaves_alone: string[];
};

async function evidence(text: string) {
  const { compiled } = await pack("norms/default");
  return computeFacts({ content: { text } }, compiled.facts).evidence;
}

describe("the lexical layer reads evasive spellings as the words they disguise", () => {
  for (const [mechanism, cases] of Object.entries(fixture.reads)) {
    it.each(cases)(`${mechanism}: $text`, async ({ text, term, excerpt }) => {
      const found = (await evidence(text)).map((e) => ({ term: e.term, excerpt: e.excerpt }));
      expect(found).toContainEqual({ term, excerpt });
    });
  }
});

describe("the real-word guard", () => {
  it.each(fixture.leaves_alone)("finds no slur in: %s", async (text) => {
    const slurs = (await evidence(text)).filter((e) => e.category === "slur").map((e) => `${e.term} <${e.excerpt}>`);
    expect(slurs).toEqual([]);
  });
});

type Use = { text: string; slur_use?: boolean; unsettled?: boolean };
const uses = (parse(readFileSync(repoPath("test/fixtures/lexical-evasions.yaml"), "utf8")) as { use: Use[] }).use;

describe("how an evasive spelling bears on whether a slur is used", () => {
  it.each(uses)("$text", async ({ text, slur_use, unsettled }) => {
    const { compiled } = await pack("norms/default");
    const { facts } = computeFacts({ content: { text } }, compiled.facts);
    if (slur_use !== undefined) expect(facts.slur_use).toBe(slur_use);
    if (unsettled !== undefined) expect(facts.group_hostility_unsettled).toBe(unsettled);
  });
});
