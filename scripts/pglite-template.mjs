/**
 * Part of the build (npm ci runs it through `prepare`, after scripts/build.mjs): an initialised, migrated
 * PGlite data directory in dist/pglite-template/, which a first start on PGlite copies instead of running
 * initdb (see src/db/pglite-template.ts). `--if-missing` keeps a template made by the same PGlite version.
 */
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { PGLITE_TEMPLATE, stampTemplate, templateIsCurrent } from "../dist/db/pglite-template.js";

if (process.argv.includes("--if-missing") && templateIsCurrent()) process.exit(0);

const tmp = `${PGLITE_TEMPLATE}.tmp-${process.pid}`;
rmSync(tmp, { recursive: true, force: true });
const client = await PGlite.create({ dataDir: tmp });
await migrate(drizzle({ client }), { migrationsFolder: "migrations" });
await client.close();
const stamp = stampTemplate(tmp);
writeFileSync(stamp.file, stamp.content);
rmSync(PGLITE_TEMPLATE, { recursive: true, force: true });
renameSync(tmp, PGLITE_TEMPLATE);
