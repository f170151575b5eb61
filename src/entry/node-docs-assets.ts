import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { DocsAssets } from "../http/routes/docs.js";

const require = createRequire(import.meta.url);

/** A file of swagger-ui-dist, read from node_modules on first use and kept (1.7 MB of script, 0.2 MB of style). */
function packageFile(name: string): () => Promise<string> {
  let text: Promise<string> | undefined;
  return () => {
    text ??= readFile(require.resolve(`swagger-ui-dist/${name}`), "utf8");
    return text;
  };
}

/** /docs on Node: Swagger UI from the installed swagger-ui-dist, so the page needs no CDN. */
export const nodeDocsAssets: DocsAssets = {
  script: packageFile("swagger-ui-bundle.js"),
  style: packageFile("swagger-ui.css"),
};
