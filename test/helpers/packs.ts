import { fileURLToPath } from "node:url";
import { type LoadedPack, loadPackDir } from "../../src/norms/load-pack.js";
import { formatPackError } from "../../src/norms/pack-error.js";

export const repoPath = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));

const cache = new Map<string, Promise<LoadedPack>>();

/** Loads (once per test file) a pack folder relative to the repository root; fails loudly if it does not load. */
export function pack(dir: string): Promise<LoadedPack> {
  let p = cache.get(dir);
  if (!p) {
    p = loadPackDir(repoPath(dir)).then(({ loaded, errors }) => {
      if (!loaded) throw new Error(`pack ${dir} did not load:\n${errors.map(formatPackError).join("\n")}`);
      return loaded;
    });
    cache.set(dir, p);
  }
  return p;
}
