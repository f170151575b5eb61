import { type Condition, type ConditionTree, FACT_CATALOGUE, type FactRef, factSpec } from "../domain/index.js";
import { OPERATORS } from "./operators.js";

/** The names a pack defines, which conditions may refer to. */
export type PackNames = Record<FactRef, ReadonlySet<string>>;
export type ConditionProblem = { path: string; message: string };

const typeOfValue = (v: unknown) => (typeof v === "number" ? "number" : typeof v === "boolean" ? "boolean" : "string");

function checkLeaf(c: Condition, path: string, names: PackNames): ConditionProblem[] {
  const spec = factSpec(c.fact);
  if (!spec)
    return [
      {
        path: `${path}.fact`,
        message: `unknown fact "${c.fact}"; known facts: ${Object.keys(FACT_CATALOGUE).join(", ")}, and signals.<name>`,
      },
    ];
  const op = (OPERATORS as Record<string, (typeof OPERATORS)[keyof typeof OPERATORS] | undefined>)[c.operator];
  if (!op)
    return [
      {
        path: `${path}.operator`,
        message: `unknown operator "${c.operator}"; known: ${Object.keys(OPERATORS).join(", ")}`,
      },
    ];
  if (!op.facts.includes(spec.type)) {
    return [
      {
        path: `${path}.operator`,
        message: `operator "${c.operator}" does not apply to fact "${c.fact}" (a ${spec.type})`,
      },
    ];
  }
  const bad = (message: string) => [{ path: `${path}.value`, message }];
  switch (op.value) {
    case "same":
      if (typeOfValue(c.value) !== spec.type || (typeof c.value === "object" && c.value !== null))
        return bad(`fact "${c.fact}" is a ${spec.type}; the value must be one too`);
      break;
    case "number":
      if (typeof c.value !== "number") return bad(`operator "${c.operator}" needs a number`);
      break;
    case "list":
      if (!Array.isArray(c.value) || c.value.some((v) => typeOfValue(v) !== spec.type))
        return bad(`operator "${c.operator}" needs a list of ${spec.type}s`);
      break;
    case "element": {
      if (typeof c.value !== "string") return bad(`operator "${c.operator}" needs a string`);
      if (spec.refers && !names[spec.refers].has(c.value))
        return bad(`fact "${c.fact}" holds ${spec.refers} names, and the pack defines no ${spec.refers} "${c.value}"`);
      break;
    }
  }
  return [];
}

/** Every problem in a condition tree, each with the path inside the norm where it is. */
export function validateConditions(tree: ConditionTree, path: string, names: PackNames): ConditionProblem[] {
  if ("all" in tree) return tree.all.flatMap((t, i) => validateConditions(t, `${path}.all[${i}]`, names));
  if ("any" in tree) return tree.any.flatMap((t, i) => validateConditions(t, `${path}.any[${i}]`, names));
  if ("not" in tree) return validateConditions(tree.not, `${path}.not`, names);
  return checkLeaf(tree, path, names);
}

/** The facts a tree reads: only these are handed to the engine on each run. */
export function factsUsed(tree: ConditionTree, into = new Set<string>()): Set<string> {
  if ("all" in tree) for (const t of tree.all) factsUsed(t, into);
  else if ("any" in tree) for (const t of tree.any) factsUsed(t, into);
  else if ("not" in tree) factsUsed(tree.not, into);
  else into.add(tree.fact);
  return into;
}
