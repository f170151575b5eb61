import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { modelAddressSignals } from "../../src/facts/model-address.js";
import { repoPath } from "../helpers/packs.js";

const { signals, ordinary } = parse(readFileSync(repoPath("test/fixtures/model-address-signals.yaml"), "utf8")) as {
  signals: Array<{ signal: string; text: string }>;
  ordinary: string[];
};

describe("language-independent signs of text aimed at a model", () => {
  it.each(signals.map((s) => [s.signal, JSON.stringify(s.text), s.text] as const))("%s: %s", (signal, _shown, text) => {
    expect(modelAddressSignals(text)).toContain(signal);
  });

  it.each(ordinary.map((t) => [t]))("ordinary writing shows none: %s", (text) => {
    expect(modelAddressSignals(text)).toEqual([]);
  });
});
