import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { computeFacts } from "../../src/facts/compute.js";
import { pack, repoPath } from "../helpers/packs.js";

type Case = { text: string; author?: string[]; facts?: string[]; not?: string[] };
const cases = parse(readFileSync(repoPath("test/fixtures/sentence-cases.yaml"), "utf8")) as Case[];

describe("sentence layer facts from the default pack", () => {
  it.each(cases.map((c) => [`${c.text}${c.author ? ` (${c.author.join(",")})` : ""}`, c] as const))(
    "%s",
    async (_t, c) => {
      const { compiled } = await pack("norms/default");
      const request = { content: { text: c.text }, ...(c.author ? { author: { groups: c.author } } : {}) };
      const f = computeFacts(request, compiled.facts).facts as unknown as Record<string, unknown>;
      for (const name of c.facts ?? []) expect(f[name], name).toBe(true);
      for (const name of c.not ?? []) expect(f[name], name).toBe(false);
    },
  );
});

describe("the gate", () => {
  it("parses only texts that name a group beside a loaded word, or a body-harm pattern", async () => {
    const { compiled } = await pack("norms/default");
    const parsed = (text: string) => computeFacts({ content: { text } }, compiled.facts).facts.sentence_parsed;
    expect(parsed("see you all tomorrow, great game")).toBe(false);
    expect(parsed("my legs hurt after the run")).toBe(false);
    expect(parsed("Muslims are welcome here")).toBe(false);
    expect(parsed("Muslims are not welcome here")).toBe(true);
    expect(parsed("Muslims are vile")).toBe(true);
    expect(parsed("I'll snap his neck")).toBe(true);
  });
});
