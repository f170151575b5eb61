import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { EvaluationRequest } from "../../src/domain/index.js";
import { computeFacts } from "../../src/facts/compute.js";
import { pack, repoPath } from "../helpers/packs.js";

type Case = { text: string; context?: EvaluationRequest["context"]; facts?: string[]; not?: string[] };
const cases = parse(readFileSync(repoPath("test/fixtures/context-facts.yaml"), "utf8")) as Case[];

describe("context facts from the default pack", () => {
  it.each(cases.map((c) => [c.text, c] as const))("%s", async (_t, c) => {
    const { compiled } = await pack("norms/default");
    const { facts } = computeFacts(
      { content: { text: c.text }, ...(c.context ? { context: c.context } : {}) },
      compiled.facts,
    );
    const f = facts as unknown as Record<string, unknown>;
    for (const name of c.facts ?? []) expect(f[name], name).toBe(true);
    for (const name of c.not ?? []) expect(f[name], name).toBe(false);
  });
});

describe("author groups", () => {
  it("resolves the plain words platforms send, case-insensitively, with umbrella groups", async () => {
    const { compiled } = await pack("norms/default");
    const resolve = (groups: string[]) =>
      computeFacts({ content: { text: "hi" }, author: { groups } }, compiled.facts).facts.author_groups;
    for (const word of ["gay", "Black", "trans", "disabled", "jewish", "Muslim", "women", "immigrant"]) {
      expect(resolve([word]).length, word).toBeGreaterThan(0);
    }
    expect(resolve(["Gay"])).toEqual(expect.arrayContaining(["gay", "lgbtq"]));
    expect(resolve(["not a group at all"])).toEqual([]);
  });

  it("matches a slur's target by id, alias or umbrella — but not a sibling group", async () => {
    const { compiled } = await pack("test/fixtures/packs/minimal");
    const inTarget = (text: string, groups: string[]) =>
      computeFacts({ content: { text }, author: { groups } }, compiled.facts).facts.author_in_target_group;
    expect(inTarget("faggot", ["gay"])).toBe(true); // id
    expect(inTarget("faggot", ["Homosexual"])).toBe(true); // alias, any case
    expect(inTarget("faggot", ["LGBTQ+"])).toBe(true); // the author names the umbrella
    expect(inTarget("faggot", ["lesbian"])).toBe(false); // a sibling under the umbrella
    expect(inTarget("faggot", ["women"])).toBe(false);
  });
});
