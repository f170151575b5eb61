/**
 * /docs on Workers: there is no node_modules to read at run time, so
 * wrangler bundles Swagger UI's two files into the Worker as text modules
 * (the `[[rules]]` of type "Text" in wrangler.toml; types in
 * text-modules.d.ts). About 0.5 MB of the bundle, gzipped.
 */

import style from "swagger-ui-dist/swagger-ui.css";
import script from "swagger-ui-dist/swagger-ui-bundle.js";
import type { DocsAssets } from "../http/routes/docs.js";

export const workerDocsAssets: DocsAssets = {
  script: async () => script,
  style: async () => style,
};
