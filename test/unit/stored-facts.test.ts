import { readFileSync } from "node:fs";
import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CURRENT_FACT_LAYOUT, FACT_LAYOUTS } from "../../src/db/fact-layouts.js";
import { insertRows } from "../../src/db/json-rows.js";
import { rulings } from "../../src/db/schema/index.js";
import { fromStoredFacts, toStoredFacts } from "../../src/db/stored-facts.js";
import { type EvaluationRequest, FACT_CATALOGUE } from "../../src/domain/index.js";
import { computeFacts } from "../../src/facts/compute.js";
import { pack, repoPath } from "../helpers/packs.js";

/** Requests whose facts vary: slurs, threats, quotes, authors with groups, parents, other languages. */
const REQUESTS = parse(readFileSync(repoPath("test/fixtures/ruling-json-values.yaml"), "utf8")) as EvaluationRequest[];
const MORE: EvaluationRequest[] = [
  { content: { text: "see you all at the match on saturday" } },
  { content: { text: "I'll break his legs if he shows up again", kind: "comment" }, context: { channel: "#sport" } },
  { content: { text: "" } },
];

async function factsOf(request: EvaluationRequest): Promise<Record<string, unknown>> {
  const { compiled } = await pack("norms/default");
  return computeFacts(request, compiled.facts).facts as unknown as Record<string, unknown>;
}

/** Through storage as the database keeps it: the stored form as JSON text, parsed, read back. */
const roundTrip = (facts: Record<string, unknown>) => fromStoredFacts(JSON.parse(JSON.stringify(toStoredFacts(facts))));
/** What storing the facts whole as JSON would have given back. */
const asJson = (facts: Record<string, unknown>) => JSON.parse(JSON.stringify(facts));

describe("a ruling's facts as stored", () => {
  it("the layout rulings are written with is the fact catalogue, name for name and type for type", () => {
    const layout = FACT_LAYOUTS[CURRENT_FACT_LAYOUT] ?? [];
    expect(Object.fromEntries(layout)).toEqual(
      Object.fromEntries(Object.entries(FACT_CATALOGUE).map(([name, spec]) => [name, spec.type])),
    );
    expect(new Set(layout.map(([name]) => name)).size).toBe(layout.length);
  });

  it("reads back every computed fact, in the order computeFacts builds them", async () => {
    for (const request of [...REQUESTS, ...MORE]) {
      const facts = await factsOf(request);
      const back = roundTrip(facts);
      expect(back, request.content.text).toEqual(asJson(facts));
      expect(Object.keys(back)).toEqual(Object.keys(facts));
    }
  });

  it("keeps only the facts that are not empty: an ordinary message's facts take a fraction of their whole size", async () => {
    const facts = await factsOf({ content: { text: "see you all at the match on saturday" } });
    const stored = JSON.stringify(toStoredFacts(facts));
    expect(stored.length).toBeLessThan(JSON.stringify(facts).length / 4);
    expect(JSON.parse(stored)).toMatchObject({ "@": CURRENT_FACT_LAYOUT, text: facts.text, length: facts.length });
    expect(stored).not.toContain("slur_use");
  });

  it("tells a fact left out (the text, where only its hash is kept) from an empty one", async () => {
    const { text: _text, ...withoutText } = await factsOf({ content: { text: "you absolute clown" } });
    const back = roundTrip(withoutText);
    expect(back).not.toHaveProperty("text");
    expect(back).toEqual(asJson(withoutText));
    expect(roundTrip({ ...withoutText, text: "" })).toHaveProperty("text", "");
    // As many keys as the layout has facts, one of them not the layout's.
    expect(roundTrip({ ...withoutText, note: "kept" })).toEqual(asJson({ ...withoutText, note: "kept" }));
  });

  it("keeps values whatever their type, and facts outside the layout, as they were", async () => {
    const facts = { ...(await factsOf({ content: { text: "hello" } })), threat: 0, length: -0, extra: { a: [1] } };
    expect(roundTrip(facts)).toEqual(asJson(facts));
    // Every other fact of the layout is absent, and one holding undefined is as absent as in JSON.
    expect(roundTrip({ kind: "post", threat: undefined })).toEqual({ kind: "post" });
  });

  it("reads facts stored whole (before layouts) as they are, and gives each reader arrays of its own", () => {
    const whole = { text: "hi", slur_use: false, terms: [] };
    expect(fromStoredFacts(whole)).toBe(whole);
    expect(toStoredFacts({ "@": 7, x: 1 })).toEqual({ "@": 7, x: 1 });
    const a = fromStoredFacts({ "@": CURRENT_FACT_LAYOUT });
    const b = fromStoredFacts({ "@": CURRENT_FACT_LAYOUT });
    (a.terms as string[]).push("changed");
    expect(b.terms).toEqual([]);
  });

  it("reads a layout it does not know (written by a newer version) as stored", () => {
    const newer = { "@": CURRENT_FACT_LAYOUT + 1000, threat: true };
    expect(fromStoredFacts(newer)).toEqual(newer);
  });

  it("is the form the rulings insert sends", async () => {
    const facts = await factsOf({ content: { text: "see you all at the match on saturday" } });
    const { params } = new PgDialect().sqlToQuery(insertRows(rulings, [{ facts } as never]));
    const factsParam = params.find((p) => typeof p === "string" && p.includes('"@"')) as string;
    expect(JSON.parse(factsParam)).toEqual([toStoredFacts(facts)]);
  });
});
