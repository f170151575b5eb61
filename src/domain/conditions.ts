import { z } from "zod";
import { FACT_CATALOGUE, SIGNAL_FACT } from "./facts.js";
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
      .meta({
        description: "Name of a fact from the fact catalogue.",
        // anyOf with a description per fact, so an editor's completion says what each fact means.
        anyOf: [
          ...Object.entries(FACT_CATALOGUE).map(([name, spec]) => ({
            const: name,
            description: `${spec.description} (${spec.type})`,
          })),
          { pattern: SIGNAL_FACT.source, description: "An external classifier score sent as `signals` (number, 0–1)." },
        ],
      }),
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
      z.strictObject({
        all: z.array(conditionTreeSchema).min(1).meta({ description: "Holds when every condition in it holds." }),
      }),
      z.strictObject({
        any: z.array(conditionTreeSchema).min(1).meta({ description: "Holds when at least one condition holds." }),
      }),
      z.strictObject({ not: negatedTree }),
      conditionSchema,
    ]),
  )
  .meta({ id: "ConditionTree" });

// One instance, made once: a schema re-made inside the lazy getter would recurse without end in toJSONSchema.
const negatedTree = z.lazy(() => conditionTreeSchema).meta({ description: "Holds when the condition in it does not." });
