import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { repoPath } from "../helpers/packs.js";

const MiB = 1024 * 1024;

describe("the Worker bundle", () => {
  it("bundles offline with `wrangler deploy --dry-run`, under the free plan's 3 MiB compressed, without PGlite", async () => {
    const outdir = await mkdtemp(join(tmpdir(), "mores-bundle-"));
    const run = spawnSync(repoPath("node_modules/.bin/wrangler"), ["deploy", "--dry-run", "--outdir", outdir], {
      cwd: repoPath("."),
      env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" },
      encoding: "utf8",
    });
    expect(run.status, run.stderr + run.stdout).toBe(0);
    const reported = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(run.stdout);
    expect(reported, run.stdout).not.toBeNull();
    const bundle = await readFile(join(outdir, "worker.js"));
    const gzip = gzipSync(bundle).length;
    console.log(
      `worker bundle: ${(bundle.length / MiB).toFixed(2)} MiB, ${(gzip / MiB).toFixed(2)} MiB gzip (wrangler: ${reported?.[1]} KiB / gzip ${reported?.[2]} KiB)`,
    );
    expect(Number(reported?.[2]) * 1024).toBeLessThan(3 * MiB);
    expect(gzip).toBeLessThan(3 * MiB);
    // The embedded database and the file-system pack loader stay on Node.
    expect(bundle.toString()).not.toContain("@electric-sql/pglite");
    // /docs works offline on Workers too: Swagger UI's files are static assets beside the Worker (wrangler.toml
    // [assets], copied by npm run build), not part of its bundle.
    for (const file of ["swagger-ui-bundle.js", "swagger-ui.css"]) {
      const asset = repoPath(`dist/worker-assets/docs/${file}`);
      expect(existsSync(asset), file).toBe(true);
      const sample = (await readFile(asset, "utf8")).slice(10_000, 10_200);
      expect(bundle.toString().includes(sample), `${file} is bundled into the Worker`).toBe(false);
    }
  }, 120_000);
});
