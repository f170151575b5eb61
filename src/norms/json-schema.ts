import { z } from "zod";
import {
  dsaStatementSchema,
  groupsFileSchema,
  lexiconSchema,
  normSchema,
  packManifestSchema,
  patternsFileSchema,
} from "../domain/index.js";

/**
 * JSON Schemas for the pack's YAML files, generated from the zod schemas (the
 * single source of truth) so editors get completion and validation. Written
 * to norms/schema/ by `mores norms schema`; a test fails if they are stale.
 */
export function packJsonSchemas(): Record<string, unknown> {
  const gen = (schema: z.ZodType) => z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
  return {
    "pack.schema.json": gen(packManifestSchema),
    "norm.schema.json": gen(normSchema),
    "lexicon.schema.json": gen(lexiconSchema),
    "groups.schema.json": gen(groupsFileSchema),
    "patterns.schema.json": gen(patternsFileSchema),
    // Not a pack file: the statements of reasons mores produces validate against it (GET …/statement).
    "dsa-statement-of-reasons.schema.json": z.toJSONSchema(dsaStatementSchema, { io: "output" }),
  };
}
