import { cpSync, existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * An initialised, migrated PGlite data directory that the build makes (scripts/pglite-template.mjs). Running
 * initdb inside WebAssembly is most of a first start on PGlite (3–20 s on a 2-core machine); copying this
 * directory takes a fraction of a second. Two levels up from src/db and dist/db alike.
 */
export const PGLITE_TEMPLATE = fileURLToPath(new URL("../../dist/pglite-template", import.meta.url));
const STAMP = ".pglite-version";

/** The installed PGlite's version: a template made by another version is not used. */
export function pgliteVersion(): string {
  const main = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  for (let dir = dirname(main); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, "package.json");
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version: string };
    if (pkg.name === "@electric-sql/pglite") return pkg.version;
  }
  return "unknown";
}

export function templateIsCurrent(template = PGLITE_TEMPLATE): boolean {
  const stamp = join(template, STAMP);
  return existsSync(stamp) && readFileSync(stamp, "utf8").trim() === pgliteVersion();
}

export function stampTemplate(dir: string) {
  return { file: join(dir, STAMP), content: `${pgliteVersion()}\n` };
}

/**
 * A data directory that PGlite has never initialised (no PG_VERSION) starts as a copy of the template, when a
 * current one exists. Migrations newer than the template still run afterwards, as on every start.
 */
export function initialiseFromTemplate(dataDir: string, template = PGLITE_TEMPLATE): boolean {
  if (existsSync(join(dataDir, "PG_VERSION")) || !templateIsCurrent(template)) return false;
  cpSync(template, dataDir, { recursive: true, filter: (src) => !src.endsWith(STAMP) });
  return true;
}
