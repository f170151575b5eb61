/** The json-rules-engine operators norms may use (their typing rules live in rules/operators.ts). */
export const OPERATOR_NAMES = [
  "equal",
  "notEqual",
  "in",
  "notIn",
  "contains",
  "doesNotContain",
  "lessThan",
  "lessThanInclusive",
  "greaterThan",
  "greaterThanInclusive",
] as const;
export type OperatorName = (typeof OPERATOR_NAMES)[number];
