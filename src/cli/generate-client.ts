/**
 * `npm run generate:client`: writes src/client/schema.d.ts, the types of the
 * typed client (`mores/client`), from the OpenAPI document built in-process.
 * A test regenerates it from a running service's /openapi.json and fails when
 * the committed file is stale. A developer tool (openapi-typescript is a dev
 * dependency), not a `mores` command.
 */
import { writeFile } from "node:fs/promises";
import openapiTS, { astToString, COMMENT_HEADER } from "openapi-typescript";
import { currentDocument } from "./openapi.js";

export const CLIENT_SCHEMA_PATH = new URL("../client/schema.d.ts", import.meta.url);

/** The TypeScript source openapi-typescript makes of a document; the same text from the same document. */
export async function clientSchemaSource(document: unknown): Promise<string> {
  const ast = await openapiTS(document as Parameters<typeof openapiTS>[0]);
  return `${COMMENT_HEADER}${astToString(ast)}`;
}

if (import.meta.url === new URL(process.argv[1] ?? "", "file://").href) {
  await writeFile(CLIENT_SCHEMA_PATH, await clientSchemaSource(currentDocument()));
  process.stdout.write(`wrote ${CLIENT_SCHEMA_PATH.pathname}\n`);
}
