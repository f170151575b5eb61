/**
 * Module hooks for bench/compiled-src.mjs: a module that resolves into src/ is loaded from dist/ instead
 * (same path, .js), read as it is, so tsx does not transform it again. Registered after tsx, so these hooks
 * run first and see tsx's resolution of `../src/x.js` to src/x.ts.
 */
import { existsSync, readFileSync } from "node:fs";

const SRC = new URL("../src/", import.meta.url).href;
const DIST = new URL("../dist/", import.meta.url).href;

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (!resolved.url.startsWith(SRC)) return resolved;
  const compiled = DIST + resolved.url.slice(SRC.length).replace(/\.tsx?$/, ".js");
  if (!existsSync(new URL(compiled))) throw new Error(`${compiled} is missing: run npm run build`);
  return { ...resolved, url: compiled, format: compiled.endsWith(".json") ? "json" : "module" };
}

export async function load(url, context, next) {
  if (!url.startsWith(DIST) || !url.endsWith(".js")) return next(url, context);
  return { format: "module", source: readFileSync(new URL(url)), shortCircuit: true };
}
