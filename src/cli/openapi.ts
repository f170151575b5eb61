import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { createApp } from "../app.js";
import { openApiDocument } from "../http/openapi.js";
import { command } from "./args.js";

export const OPENAPI_USAGE = `usage: mores openapi [--out file]
  Prints the OpenAPI 3.1 document the service serves at /openapi.json (or writes it to --out),
  built in-process: no server, database or key needed. For linters and client generators.`;

/** The document of the app as it is composed, without services: building it never handles a request. */
export function currentDocument() {
  const app = createApp({
    services: () => {
      throw new Error("the OpenAPI document is built without services");
    },
    defaultCommunity: "default",
  });
  return openApiDocument(app);
}

/** `mores openapi [--out file]`: the document as JSON, for `npm run lint:openapi` and `npm run generate:client`. */
export const openapiCommand = (args: string[]): Promise<number> =>
  command(args, OPENAPI_USAGE, { options: { out: { type: "string" } } }, async ({ values }) => {
    const text = `${JSON.stringify(currentDocument(), null, 2)}\n`;
    if (typeof values.out !== "string") process.stdout.write(text);
    else {
      await mkdir(dirname(values.out), { recursive: true });
      await writeFile(values.out, text);
    }
    return 0;
  });
