import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { packJsonSchemas } from "../norms/json-schema.js";
import { loadPackDir } from "../norms/load-pack.js";
import { formatPackError } from "../norms/pack-error.js";
import { describeFailure, runExamples } from "../norms/run-examples.js";
import { command, usageError } from "./args.js";
import { pullCommand, pushCommand } from "./norms-remote.js";

const out = (s: string) => process.stdout.write(`${s}\n`);
const err = (s: string) => process.stderr.write(`${s}\n`);

async function load(dir: string) {
  const { loaded, errors } = await loadPackDir(dir);
  for (const e of errors) err(formatPackError(e));
  if (!loaded) err(`${dir}: ${errors.length} problem${errors.length === 1 ? "" : "s"}; the pack was not loaded`);
  return loaded;
}

async function check(dir: string): Promise<number> {
  const loaded = await load(dir);
  if (!loaded) return 1;
  const { pack, compiled } = loaded;
  const terms = pack.lexicons.reduce((n, l) => n + l.terms.length, 0);
  out(
    `${dir}: ok — ${pack.norms.length} norms, ${pack.lexicons.length} lexicons (${terms} terms), ${pack.groups.length} groups, ${pack.patterns.length} patterns`,
  );
  for (const c of compiled.index.unindexed)
    out(`  note: norm "${c.norm.id}" cannot be indexed and runs on every evaluation`);
  return 0;
}

async function test(dir: string): Promise<number> {
  const loaded = await load(dir);
  if (!loaded) return 1;
  const results = await runExamples(loaded.compiled);
  const rows = loaded.pack.norms.map((n) => {
    const mine = results.filter((r) => r.norm === n.id);
    const count = (o: string) => mine.filter((r) => r.example.expect === o).length;
    return [
      n.id,
      String(mine.length),
      String(mine.filter((r) => r.passed).length),
      String(mine.filter((r) => !r.passed).length),
      `${count("violated")}/${count("excepted")}/${count("needs_judgment")}/${count("not_engaged")}`,
    ];
  });
  const header = ["norm", "examples", "passed", "failed", "violated/excepted/judgment/not-engaged"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join("  ");
  out(line(header));
  for (const r of rows) out(line(r));
  const failed = results.filter((r) => !r.passed);
  for (const f of failed)
    out(`FAIL ${f.norm} example ${f.index}: ${describeFailure(f)}\n     ${JSON.stringify(f.example.text)}`);
  out(`${results.length - failed.length} passed, ${failed.length} failed`);
  return failed.length > 0 ? 1 : 0;
}

async function schema(dir: string): Promise<number> {
  await mkdir(dir, { recursive: true });
  for (const [name, s] of Object.entries(packJsonSchemas())) {
    await writeFile(join(dir, name), `${JSON.stringify(s, null, 2)}\n`);
    out(`wrote ${join(dir, name)}`);
  }
  return 0;
}

const CHECK_USAGE = `usage: mores norms check [dir]
  Validates and compiles a norm pack (default: norms/default) and dry-runs one example per norm.
  Every problem is named by file, line and path; exit 1 when there is any.`;
const TEST_USAGE = `usage: mores norms test [dir]
  Runs every norm's examples (default pack: norms/default) and prints a per-norm table; exit 1 on a failure.`;
const SCHEMA_USAGE = `usage: mores norms schema [dir]
  Writes the pack files' JSON Schemas into dir (default: norms/schema), for editors' completion and validation.`;

export const NORMS_USAGE = `usage: mores norms <command> [options]   (mores norms <command> --help for one command)
  check [dir]    validate and compile a norm pack (default: norms/default)
  test [dir]     run every norm's examples and print a per-norm table
  schema [dir]   write the pack JSON Schemas (default: norms/schema)
  pull <dir>     write a community's norm-set version into a pack folder
  push <dir>     propose a pack folder to a community and print its report`;

const local = (usage: string, run: (dir: string) => Promise<number>, fallback: string) => (args: string[]) =>
  command(args, usage, { maxPositionals: 1 }, ({ positionals }) => run(positionals[0] ?? fallback));

const VERBS: Record<string, (args: string[]) => Promise<number>> = {
  check: local(CHECK_USAGE, check, "norms/default"),
  test: local(TEST_USAGE, test, "norms/default"),
  schema: local(SCHEMA_USAGE, schema, "norms/schema"),
  push: (args) => pushCommand(args),
  pull: (args) => pullCommand(args),
};

export async function normsCommand(args: string[]): Promise<number> {
  const [verb, ...rest] = args;
  if (verb === "--help" || verb === "-h" || verb === "help") {
    out(NORMS_USAGE);
    return 0;
  }
  const run = verb === undefined ? undefined : VERBS[verb];
  if (!run)
    return usageError(verb === undefined ? "name a norms command" : `unknown command "norms ${verb}"`, NORMS_USAGE);
  return run(rest);
}
