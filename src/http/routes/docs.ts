import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import type { AppEnv } from "../app-env.js";
import { openAccess, openApiDocument } from "../openapi.js";
import { problems } from "../schemas.js";

/**
 * Swagger UI's two files (swagger-ui-dist's `swagger-ui-bundle.js` and
 * `swagger-ui.css`) as text, where the app serves them: Node reads node_modules;
 * on Workers they are static assets (wrangler.toml [assets], copied by npm run
 * build), served before the app. Either way /docs needs no CDN and works offline.
 */
export type DocsAssets = { script: () => Promise<string>; style: () => Promise<string> };

// Relative addresses: the page still works when the service sits under a path prefix.
// validatorUrl null: Swagger UI would otherwise send the document to validator.swagger.io.
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>mores API</title>
<link rel="stylesheet" href="docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="docs/swagger-ui-bundle.js"></script>
<script>
SwaggerUIBundle({ url: "openapi.json", dom_id: "#swagger-ui", validatorUrl: null, displayOperationId: true, deepLinking: true });
</script>
</body>
</html>
`;

const openApiRoute = createRoute({
  method: "get",
  path: "/openapi.json",
  operationId: "getOpenApiDocument",
  ...openAccess,
  tags: ["operations"],
  summary: "This OpenAPI 3.1 document",
  responses: {
    200: {
      description: "The document",
      content: { "application/json": { schema: z.record(z.string(), z.unknown()).meta({ id: "OpenApiDocument" }) } },
    },
    ...problems(400),
  },
});

const docsRoute = createRoute({
  method: "get",
  path: "/docs",
  operationId: "getApiDocs",
  ...openAccess,
  tags: ["operations"],
  summary: "This document as a browsable page (Swagger UI, served by mores itself)",
  responses: { 200: { description: "The page", content: { "text/html": { schema: z.string() } } }, ...problems(400) },
});

/** Cached for a day: the files change only with the swagger-ui-dist version mores ships. */
const asset = (load: () => Promise<string>, type: string) => async () =>
  new Response(await load(), { headers: { "content-type": type, "cache-control": "public, max-age=86400" } });

/** /openapi.json, and /docs with its assets when the runtime supplies them. */
export function registerDocs(app: OpenAPIHono<AppEnv>, assets: DocsAssets | undefined) {
  // Every route is registered before the first request asks: built once, then served as is.
  let document: ReturnType<typeof openApiDocument> | undefined;
  app.openapi(openApiRoute, (c) => {
    document ??= openApiDocument(app);
    return c.json(document, 200);
  });
  app.openapi(docsRoute, (c) => c.html(PAGE, 200));
  if (!assets) return;
  app.get("/docs/swagger-ui-bundle.js", asset(assets.script, "text/javascript; charset=utf-8"));
  app.get("/docs/swagger-ui.css", asset(assets.style, "text/css; charset=utf-8"));
}
