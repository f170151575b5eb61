import { describe, expect, it } from "vitest";
import { FACT_CATALOGUE } from "../../src/domain/facts.js";
import { normSchema } from "../../src/domain/norm.js";
import { packJsonSchemas } from "../../src/norms/json-schema.js";

type Node = {
  properties?: Record<string, Node>;
  items?: Node;
  anyOf?: Node[];
  oneOf?: Node[];
  $defs?: Record<string, Node>;
  description?: string;
  const?: string;
};

/** Every property of the schema, however deep (items, unions, definitions), by a readable path. */
function properties(node: Node, path: string): Array<[string, Node]> {
  const own = Object.entries(node.properties ?? {}).flatMap(
    ([k, v]): Array<[string, Node]> => [[`${path}.${k}`, v], ...properties(v, `${path}.${k}`)],
  );
  const nested = [
    ...(node.items ? properties(node.items, `${path}[]`) : []),
    ...[...(node.anyOf ?? []), ...(node.oneOf ?? [])].flatMap((n) => properties(n, path)),
    ...Object.entries(node.$defs ?? {}).flatMap(([k, v]) => properties(v, `$defs.${k}`)),
  ];
  return [...own, ...nested];
}

describe("the norm JSON Schema editors validate against", () => {
  const norm = packJsonSchemas()["norm.schema.json"] as Node;

  it("describes every field of a norm, at every depth", () => {
    const all = properties(norm, "norm");
    expect(all.map(([p]) => p)).toEqual(
      expect.arrayContaining([
        ...Object.keys(normSchema.shape).map((k) => `$defs.Norm.${k}`),
        "$defs.Norm.provenance.sources",
        "$defs.Norm.examples[].author.role",
        "$defs.Condition.fact",
      ]),
    );
    expect(all.filter(([, n]) => !n.description?.trim()).map(([p]) => p)).toEqual([]);
  });

  it("describes every fact a condition can name, with the catalogue's words", () => {
    const fact = norm.$defs?.Condition?.properties?.fact;
    const named = (fact?.anyOf ?? []).filter((f) => f.const !== undefined);
    const described = new Map(named.map((f) => [f.const, f.description ?? ""]));
    expect([...described.keys()].sort()).toEqual(Object.keys(FACT_CATALOGUE).sort());
    // And the open family of signal facts, by pattern.
    expect((fact?.anyOf ?? []).filter((f) => f.const === undefined)).toEqual([
      expect.objectContaining({ pattern: expect.stringContaining("signals") }),
    ]);
    for (const [name, spec] of Object.entries(FACT_CATALOGUE))
      expect(described.get(name), name).toContain(spec.description);
  });
});
