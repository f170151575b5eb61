import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { NormPack } from "../domain/index.js";
import { type CompiledNormSet, compileNormSet } from "../rules/compile.js";
import { evaluate } from "../rules/evaluate.js";
import { formatPackError, type PackError } from "./pack-error.js";
import { type PackFiles, parsePack } from "./parse-pack.js";

/** Reads every YAML file of a pack folder (Node only; Workers read packs from PostgreSQL). */
export async function readPackDir(dir: string): Promise<PackFiles> {
  const files: PackFiles = {};
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const e of entries) {
    if (!e.isFile() || !/\.ya?ml$/.test(e.name)) continue;
    const full = join(e.parentPath, e.name);
    files[relative(dir, full).split("\\").join("/")] = await readFile(full, "utf8");
  }
  return files;
}

export type LoadedPack = { pack: NormPack; compiled: CompiledNormSet };

/**
 * Validates a pack and dry-runs it: compiles every norm into engines and
 * evaluates each norm's examples once, so a pack that would fail at request
 * time fails here, in front of its editor, instead.
 */
export async function compilePack(
  files: PackFiles,
  label: string,
): Promise<{ loaded?: LoadedPack; errors: PackError[] }> {
  const { pack, errors } = parsePack(files, label);
  if (!pack) return { errors };
  try {
    const compiled = compileNormSet(pack);
    for (const norm of pack.norms) {
      for (const ex of norm.examples.slice(0, 1)) {
        await evaluate(compiled, { content: { text: ex.text }, author: ex.author, context: ex.context });
      }
    }
    return { loaded: { pack, compiled }, errors: [] };
  } catch (e) {
    return { errors: [{ file: label, path: "", message: `the pack does not compile: ${(e as Error).message}` }] };
  }
}

export async function loadPackDir(dir: string): Promise<{ loaded?: LoadedPack; errors: PackError[] }> {
  let files: PackFiles;
  try {
    files = await readPackDir(dir);
  } catch (e) {
    return {
      errors: [
        {
          file: dir,
          path: "",
          message: `cannot read the pack folder: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        },
      ],
    };
  }
  return compilePack(files, dir.replace(/\/+$/, ""));
}

/** The pack of a folder, or an error listing every problem in it: for packs the service cannot start without. */
export async function requirePackDir(dir: string): Promise<NormPack> {
  const { loaded, errors } = await loadPackDir(dir);
  if (!loaded) throw new Error(`the norm pack ${dir} is invalid:\n${errors.map(formatPackError).join("\n")}`);
  return loaded.pack;
}
