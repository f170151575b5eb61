/**
 * npm run build: src/**\/*.ts → dist/**\/*.js, one file per module (no bundle), so dist/ keeps src/'s layout and
 * every `new URL("../../migrations", import.meta.url)` still points at the repository's folders. esbuild only
 * strips types (well under a second); `npm run typecheck` is the type check. JSON modules are copied as they are.
 * dist/worker-assets/ holds the files the Worker serves as static assets.
 * `--if-stale` skips the build when dist/ is newer than every file in src/ (npm start runs it that way).
 */
import { cpSync, existsSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { build } from "esbuild";

const SRC = "src";
const OUT = "dist";
const STAMP = join(OUT, ".built");

function walk(dir, files = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, files);
    else files.push(path);
  }
  return files;
}

const files = walk(SRC);
const newest = Math.max(...files.map((f) => statSync(f).mtimeMs), statSync("package.json").mtimeMs);
if (process.argv.includes("--if-stale") && existsSync(STAMP) && statSync(STAMP).mtimeMs >= newest) process.exit(0);

// Everything but the PGlite template (scripts/pglite-template.mjs), which does not depend on the sources.
for (const entry of existsSync(OUT) ? readdirSync(OUT) : [])
  if (entry !== "pglite-template") rmSync(join(OUT, entry), { recursive: true, force: true });
await build({
  // .tsx: the console's pages (Hono JSX).
  entryPoints: files.filter((f) => (f.endsWith(".ts") || f.endsWith(".tsx")) && !f.endsWith(".d.ts")),
  jsx: "automatic",
  jsxImportSource: "hono/jsx",
  outdir: OUT,
  outbase: SRC,
  format: "esm",
  platform: "node",
  target: "node20",
  // Node 20.10+ reads `with { type: "json" }`; esbuild would otherwise drop the attribute for a node20 target.
  supported: { "import-attributes": true },
  sourcemap: "linked",
  logLevel: "warning",
});
for (const f of files.filter((f) => f.endsWith(".json"))) cpSync(f, join(OUT, relative(SRC, f)));
// /docs on Workers: Swagger UI's two files as Workers Static Assets (wrangler.toml [assets]), served before the
// Worker runs and outside its size limit; Node reads them from node_modules (entry/node-docs-assets.ts).
const swagger = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
for (const file of ["swagger-ui-bundle.js", "swagger-ui.css"])
  cpSync(join(swagger, file), join(OUT, "worker-assets", "docs", file));
writeFileSync(STAMP, `${new Date().toISOString()}\n`);
