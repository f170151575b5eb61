import { describe, expect, it } from "vitest";
import { parseSentences, SentenceReader } from "../../src/facts/sentence/nlp.js";

/** Words no English lexicon holds, different every time: what a stream of names, typos and spam brings. */
const unseen = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => `qz${(from + i).toString(36)}vx`).join(" ");

const ordinary = [
  "The committee will meet again on Thursday, after the vote.",
  "She told them to leave the building before it got dark.",
  "Why would anyone park there? It blocks the whole street!",
  "I can't believe they're closing the library next month.",
];

describe("the sentence reader's memory", () => {
  it("stays bounded however many new words it reads: past its bound it starts again from the model", () => {
    const reader = new SentenceReader(2_000);
    let most = 0;
    let rebuilt = false;
    for (let i = 0; i < 40; i++) {
      const before = reader.added();
      parseSentences(`${unseen(i * 250, 250)}.`, reader);
      if (reader.added() < before) rebuilt = true;
      most = Math.max(most, reader.added());
    }
    // 40 × 250 = 10,000 new words read; at most the bound plus one text's words are ever held.
    expect(rebuilt).toBe(true);
    expect(most).toBeLessThanOrEqual(2_000 + 250);
    expect(most).toBeGreaterThan(1_000);
  });

  it("reads a text the same way before and after the instance was rebuilt", () => {
    const fresh = ordinary.map((t) => parseSentences(t, new SentenceReader()));
    const reader = new SentenceReader(500);
    for (let i = 0; i < 6; i++) parseSentences(`${unseen(100_000 + i * 300, 300)}.`, reader);
    expect(ordinary.map((t) => parseSentences(t, reader))).toEqual(fresh);
  });
});
