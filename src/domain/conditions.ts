import { z } from "zod";
import { FACT_CATALOGUE } from "./facts.js";
import { OPERATOR_NAMES } from "./operators.js";

/**
 * A json-rules-engine condition tree, as norm editors write it in YAML.
 * Only the subset mores can index and explain: `all`, `any`, `not` and leaf
 * conditions over named facts. Which facts and operators exist is checked
 * when a pack is compiled (see rules/validate-conditions.ts), not here, so the
 * error can say which file and path is wrong.
 */
export type Condition = {
  fact: string;
  operator: string;
  value: unknown;
};
export type ConditionTree = { all: ConditionTree[] } | { any: ConditionTree[] } | { not: ConditionTree } | Condition;

export const conditionSchema = z
  .strictObject({
    // The enums are for editors' completion (JSON Schema); the loader checks names itself so it can say more.
    fact: z
      .string()
      .min(1)
      .meta({ description: "Name of a fact from the fact catalogue.", enum: Object.keys(FACT_CATALOGUE) }),
    operator: z
      .string()
      .min(1)
      .meta({ description: "json-rules-engine operator.", enum: [...OPERATOR_NAMES] }),
    value: z.unknown().meta({ description: "The value the fact is compared with." }),
  })
  .meta({ id: "Condition" });

export const conditionTreeSchema: z.ZodType<ConditionTree> = z
  .lazy(() =>
    z.union([
      z.strictObject({ all: z.array(conditionTreeSchema).min(1) }),
      z.strictObject({ any: z.array(conditionTreeSchema).min(1) }),
      z.strictObject({ not: conditionTreeSchema }),
      conditionSchema,
    ]),
  )
  .meta({ id: "ConditionTree" });
