import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { repoPath } from "../helpers/packs.js";

/** Validates a statement against the DSA statement-of-reasons JSON Schema kept in norms/schema/, formats included. */
export function dsaValidator() {
  const schema = JSON.parse(readFileSync(repoPath("norms/schema/dsa-statement-of-reasons.schema.json"), "utf8"));
  const ajv = new (Ajv2020 as unknown as typeof Ajv2020.default)({ allErrors: true, strict: false });
  (addFormats as unknown as typeof addFormats.default)(ajv);
  return ajv.compile(schema);
}
