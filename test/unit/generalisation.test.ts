import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { computeFacts } from "../../src/facts/compute.js";
import { pack, repoPath } from "../helpers/packs.js";

type Case = { text: string; facts?: string[]; not?: string[] };
const cases = parse(readFileSync(repoPath("test/fixtures/generalisation-cases.yaml"), "utf8")) as Case[];

describe("generic claims about a group, read by valence", () => {
  it.each(cases.map((c) => [c.text, c] as const))("%s", async (_t, c) => {
    const { compiled } = await pack("norms/default");
    const f = computeFacts({ content: { text: c.text } }, compiled.facts).facts as unknown as Record<string, unknown>;
    for (const name of c.facts ?? []) expect(f[name], name).toBe(true);
    for (const name of c.not ?? []) expect(f[name], name).toBe(false);
  });

  it("lets a group named beside a negative word or a generaliser reach the parse, and nothing else", async () => {
    const { compiled } = await pack("norms/default");
    const parsed = (text: string) => computeFacts({ content: { text } }, compiled.facts).facts.sentence_parsed;
    expect(parsed("Muslims are welcome here")).toBe(false);
    expect(parsed("the weather is awful today")).toBe(false);
    expect(parsed("immigrants are awful")).toBe(true);
    expect(parsed("typical immigrants")).toBe(true);
  });
});
