import { existsSync, readFileSync } from "node:fs";
import type { Profiler } from "node:inspector";
import { SourceMap } from "node:module";
import { dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/**
 * The profile with each frame of a bundled file (dist/entry/node.js, one esbuild bundle since the fourteenth
 * pass) named by the module it came from, through the source map beside the bundle: without this every frame of
 * ours and of the bundled packages is "dist/entry/node.js", and the summaries cannot tell the facts from the
 * write. Frames whose file has no map are left as they are.
 */
export function withSources(profile: Profiler.Profile): Profiler.Profile {
  const maps = new Map<string, { map: SourceMap; dir: string } | null>();
  const mapOf = (url: string) => {
    if (!maps.has(url)) {
      const file = url.startsWith("file://") ? fileURLToPath(url) : "";
      const mapFile = `${file}.map`;
      maps.set(
        url,
        file && existsSync(mapFile)
          ? { map: new SourceMap(JSON.parse(readFileSync(mapFile, "utf8"))), dir: dirname(file) }
          : null,
      );
    }
    return maps.get(url);
  };
  const nodes = profile.nodes.map((node) => {
    const found = mapOf(node.callFrame.url);
    const entry = found?.map.findEntry(node.callFrame.lineNumber, node.callFrame.columnNumber);
    if (!found || !entry || !("originalSource" in entry)) return node;
    const url = pathToFileURL(resolve(found.dir, entry.originalSource)).href;
    return { ...node, callFrame: { ...node.callFrame, url, lineNumber: entry.originalLine } };
  });
  return { ...profile, nodes };
}
