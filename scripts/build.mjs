/**
 * npm run build: src/**\/*.ts → dist/**\/*.js, one file per module, so dist/ keeps src/'s layout and every
 * `new URL("../../migrations", import.meta.url)` still points at the repository's folders; then the server's entry
 * again, as one bundle (see below). esbuild only strips types (well under a second); `npm run typecheck` is the
 * type check. JSON modules are copied as they are. dist/worker-assets/ holds the files the Worker serves as static
 * assets. `--if-stale` skips the build when dist/ is newer than every file in src/ (npm start runs it that way).
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
/** What both builds share: ES modules for Node 20, the console's pages (.tsx, Hono JSX), linked source maps. */
const common = {
  format: "esm",
  platform: "node",
  target: "node20",
  jsx: "automatic",
  jsxImportSource: "hono/jsx",
  // Node 20.10+ reads `with { type: "json" }`; esbuild would otherwise drop the attribute for a node20 target.
  supported: { "import-attributes": true },
  sourcemap: "linked",
  logLevel: "warning",
};
await build({
  ...common,
  entryPoints: files.filter((f) => (f.endsWith(".ts") || f.endsWith(".tsx")) && !f.endsWith(".d.ts")),
  outdir: OUT,
  outbase: SRC,
});
// The server's entry, dist/entry/node.js, is then rewritten as one bundle of our modules and the pure-JavaScript
// packages: a start read ~640 files through node's ESM loader (resolve, stat, read, link each), ~0.9 s of a ~2.3 s
// restart on a slow day; as one file, a restart took 1.7–2.0 s (docs/performance.md, fourteenth pass).
// Left in node_modules: packages that read files of their own or are loaded on demand (PGlite's WebAssembly, wink's
// model, the language detector, OpenTelemetry's SDK, whose API must stay one instance with it, the model clients,
// Swagger UI's files). Split at dynamic imports, so the model clients still load only with a model
// (reasoner/load-reasoner.ts); the chunks sit beside the entry, at the depth every `new URL("../../…",
// import.meta.url)` of src/<dir>/<file>.ts assumes. CommonJS packages in the bundle get a `require` of their own.
// Everything else (the CLI, the benches' compiled engine) keeps reading the per-file modules.
const BUNDLE_EXTERNAL = [
  "@electric-sql/pglite",
  "wink-eng-lite-web-model",
  "eld",
  "@opentelemetry/*",
  "@langchain/*",
  "langchain",
  "openai",
  "@anthropic-ai/*",
  "swagger-ui-dist",
];
await build({
  ...common,
  entryPoints: { node: join(SRC, "entry", "node.ts") },
  bundle: true,
  splitting: true,
  external: BUNDLE_EXTERNAL,
  banner: { js: 'import { createRequire as __moresRequire } from "node:module"; const require = __moresRequire(import.meta.url);' },
  outdir: join(OUT, "entry"),
  chunkNames: "node-chunk-[name]-[hash]",
});
for (const f of files.filter((f) => f.endsWith(".json"))) cpSync(f, join(OUT, relative(SRC, f)));
// /docs on Workers: Swagger UI's two files as Workers Static Assets (wrangler.toml [assets]), served before the
// Worker runs and outside its size limit; Node reads them from node_modules (entry/node-docs-assets.ts).
const swagger = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
for (const file of ["swagger-ui-bundle.js", "swagger-ui.css"])
  cpSync(join(swagger, file), join(OUT, "worker-assets", "docs", file));
writeFileSync(STAMP, `${new Date().toISOString()}\n`);
