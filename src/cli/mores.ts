import { readFileSync } from "node:fs";
import { usageError } from "./args.js";

export const USAGE = `mores — normative moderation

Usage:
  mores norms check [dir]      validate and compile a norm pack (default: norms/default)
  mores norms test [dir]       run every norm's examples and print a per-norm table
  mores norms schema [dir]     write the pack JSON Schemas (default: norms/schema)
  mores norms pull <dir> --community <id> [--version N]
                               write a community's norm-set version (default: in force) into a pack folder
  mores norms push <dir> --community <id> [--title t] [--diff] [--adopt]
                               propose a pack folder and print its report (examples, diff, replay);
                               --adopt adopts it when it passes. Both take --url (default $MORES_URL,
                               else http://127.0.0.1:8787) and --key (default $MORES_KEY)
  mores eval <file|folder>... [--pack dir | --community id] [--compare dir|version] [--json]
                               judge labelled cases and report allow/review/block per category
  mores db setup               migrate DATABASE_URL and create the template community (for Workers deploys)
  mores keys rotate-operator   a new operator key (printed once); every other operator key is revoked
  mores judge --norm <id> --text <content> [--groups a,b] [--parent <text>] [--pack dir]
                               dry run one content against one norm with the configured reasoner
  mores openapi [--out file]   print the OpenAPI document (/openapi.json), built without a server
  mores --version              print the version

Every command answers --help (or -h) with its own usage.`;

/**
 * Each command is imported only when it runs: together they load the whole engine (norms, NLP model, database
 * drivers), which would make `mores --help` take seconds.
 */
const COMMANDS: Record<string, (args: string[]) => Promise<number>> = {
  norms: async (args) => (await import("./norms.js")).normsCommand(args),
  judge: async (args) => (await import("./dry-run-command.js")).dryRunCommand(args),
  db: async (args) => (await import("./db.js")).dbCommand(args),
  eval: async (args) => (await import("./eval.js")).evalCommand(args),
  openapi: async (args) => (await import("./openapi.js")).openapiCommand(args),
  keys: async (args) => (await import("./keys.js")).keysCommand(args),
};

/** mores' version, from the package.json it ships with. */
export function version(): string {
  return (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string })
    .version;
}

/** The whole CLI as a function: argv without `node mores`, back an exit code. main.ts runs it; tests call it. */
export async function mores(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === "--help" || first === "-h" || first === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (first === "--version" || first === "-V") {
    process.stdout.write(`mores ${version()}\n`);
    return 0;
  }
  const run = COMMANDS[first];
  if (!run)
    return usageError(first.startsWith("-") ? `unknown option "${first}"` : `unknown command "${first}"`, USAGE);
  return run(rest);
}
