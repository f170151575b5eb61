import { describe, expect, it } from "vitest";
import { compileNormSet } from "../../src/rules/compile.js";
import { evaluate } from "../../src/rules/evaluate.js";
import { pack } from "../helpers/packs.js";

/**
 * Communities that start from the same pack share one built lexicon matcher (a cold compile then costs a few
 * milliseconds, not the tokenising of thousands of terms); a community whose lexicons differ gets its own.
 */
describe("shared fact context", () => {
  it("two compiles of the same content share the matcher; different lexicons do not", async () => {
    const { pack: base } = await pack("norms/default");
    const a = compileNormSet(structuredClone(base));
    const b = compileNormSet(structuredClone(base));
    expect(b.facts.matcher).toBe(a.facts.matcher);

    const terms = async (set: typeof a, text: string) =>
      (await evaluate(set, { content: { text } })).evidence.map((e) => e.term);
    // A term of the pack that, sent alone, is matched as itself (taken from the pack's data, not written here).
    let chosen: { lexicon: string; term: string } | undefined;
    for (const l of base.lexicons)
      for (const t of l.terms.slice(0, 5))
        if (!chosen && (await terms(a, t.term)).includes(t.term)) chosen = { lexicon: l.name, term: t.term };
    if (!chosen) throw new Error("no term of the default pack matches itself");

    // A community that removed that term: its set must not keep matching it.
    const trimmed = structuredClone(base);
    for (const l of trimmed.lexicons)
      if (l.name === chosen.lexicon) l.terms = l.terms.filter((t) => t.term !== chosen?.term);
    const c = compileNormSet(trimmed);
    expect(c.facts.matcher).not.toBe(a.facts.matcher);
    expect(await terms(a, chosen.term)).toContain(chosen.term);
    expect(await terms(c, chosen.term)).not.toContain(chosen.term);
  });
});
