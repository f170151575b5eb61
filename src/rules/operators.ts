import type { FactType, OperatorName } from "../domain/index.js";

/**
 * The json-rules-engine operators norms may use, and the fact types each makes
 * sense for. A condition that compares a list with `lessThan` is a norm bug
 * the loader reports instead of a rule that silently never fires.
 */
type OperatorSpec = { facts: readonly FactType[]; value: "same" | "element" | "list" | "number" };

export const OPERATORS: Readonly<Record<OperatorName, OperatorSpec>> = {
  equal: { facts: ["boolean", "number", "string"], value: "same" },
  notEqual: { facts: ["boolean", "number", "string"], value: "same" },
  in: { facts: ["number", "string"], value: "list" },
  notIn: { facts: ["number", "string"], value: "list" },
  contains: { facts: ["string[]"], value: "element" },
  doesNotContain: { facts: ["string[]"], value: "element" },
  lessThan: { facts: ["number"], value: "number" },
  lessThanInclusive: { facts: ["number"], value: "number" },
  greaterThan: { facts: ["number"], value: "number" },
  greaterThanInclusive: { facts: ["number"], value: "number" },
};
