import type { RuleResult } from "json-rules-engine";
import type { ConditionTrace } from "../domain/index.js";

type Node = Record<string, unknown>;

function convert(node: Node): ConditionTrace {
  const result = typeof node.result === "boolean" ? { result: node.result } : {};
  if (Array.isArray(node.all)) return { all: (node.all as Node[]).map(convert), ...result };
  if (Array.isArray(node.any)) return { any: (node.any as Node[]).map(convert), ...result };
  if (node.not && typeof node.not === "object") return { not: convert(node.not as Node), ...result };
  return {
    fact: String(node.fact),
    operator: String(node.operator),
    value: node.value,
    ...("factResult" in node ? { fact_value: node.factResult } : {}),
    ...result,
  };
}

export function traceOf(result: RuleResult): ConditionTrace {
  return convert(result.conditions as unknown as Node);
}
