import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { computeFacts } from "../../src/facts/compute.js";
import { type FactContext, newFactContext } from "../../src/facts/fact-context.js";
import { pack, repoPath } from "../helpers/packs.js";

/**
 * The matcher remembers, per spelling, its reading, its first trie edge and whether it names a group (see
 * LexicalRepair): what a word reads as must not depend on the texts read before it. Two fresh contexts read
 * the functional suite's texts in opposite orders, so every spelling is first met in a different text.
 */
const { pack: defaultPack } = await pack("norms/default");
const freshContext = () => newFactContext(defaultPack);
const texts = (
  await Promise.all(
    ["evasion", "hateful", "non-hateful"].map((f) => readFile(repoPath(`test/fixtures/functional/${f}.jsonl`), "utf8")),
  )
)
  .flatMap((s) => s.split("\n").filter(Boolean))
  .map((line) => (JSON.parse(line) as { text: string }).text);

describe("per-spelling memo", () => {
  it("gives every text the same facts whatever was read before it", () => {
    const forward = freshContext();
    const backward = freshContext();
    const read = (ctx: FactContext, text: string) => computeFacts({ content: { text } }, ctx);
    const first = texts.map((text) => read(forward, text));
    const second = [...texts].reverse().map((text) => read(backward, text));
    second.reverse();
    expect(texts.length).toBeGreaterThan(1000);
    for (let i = 0; i < texts.length; i++) expect(second[i], texts[i]).toEqual(first[i]);
    // And again on the warm memo: the remembered answers are the ones first computed.
    for (let i = 0; i < texts.length; i++) expect(read(forward, texts[i] as string), texts[i]).toEqual(first[i]);
  });
});
