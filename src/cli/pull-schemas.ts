import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { packJsonSchemas } from "../norms/json-schema.js";

/** Where a pulled pack keeps its own copy of the JSON Schemas, relative to the pack folder. */
export const PULLED_SCHEMA_DIR = "schema";

const HINT = /^# yaml-language-server: \$schema=\S*?([\w.-]+\.schema\.json)[ \t]*$/m;

/**
 * The service writes each file's editor hint relative to the repository's
 * layout (norms/<pack>/… → norms/schema/), which points outside a pack pulled
 * anywhere else. A pulled pack carries the schemas itself, so the hint is
 * rewritten to `<dir>/schema/`: validation works wherever the folder lives,
 * offline, and matches the CLI's version of the schemas.
 */
export function pointHintAtPulledSchemas(path: string, text: string): string {
  const up = "../".repeat(path.split("/").length - 1);
  return text.replace(HINT, (_, name: string) => `# yaml-language-server: $schema=${up}${PULLED_SCHEMA_DIR}/${name}`);
}

/** Writes the pack-file schemas into `<dir>/schema/` (JSON, so `norms push` never sends them). */
export async function writePulledSchemas(dir: string): Promise<void> {
  await mkdir(join(dir, PULLED_SCHEMA_DIR), { recursive: true });
  for (const [name, schema] of Object.entries(packJsonSchemas())) {
    if (name.startsWith("dsa-")) continue; // not a pack file
    await writeFile(join(dir, PULLED_SCHEMA_DIR, name), `${JSON.stringify(schema, null, 2)}\n`);
  }
}
