import { dbCommand } from "./db.js";
import { evalCommand } from "./eval.js";
import { judgeCommand } from "./judge.js";
import { normsCommand } from "./norms.js";

const USAGE = `mores — normative moderation

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
                               judge labelled cases and report allow/review/block per category (eval --help)
  mores db setup               migrate DATABASE_URL and create the template community (for Workers deploys)
  mores judge --norm <id> --text <content> [--groups a,b] [--parent <text>] [--pack dir]
                               dry run one content against one norm with the configured reasoner
`;

async function main(argv: string[]): Promise<number> {
  const [group, ...rest] = argv;
  if (group === "norms") return normsCommand(rest);
  if (group === "judge") return judgeCommand(rest);
  if (group === "db") return dbCommand(rest);
  if (group === "eval") return evalCommand(rest);
  process.stdout.write(USAGE);
  return group === undefined || group === "help" || group === "--help" ? 0 : 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`mores: ${(e as Error).message}\n`);
    process.exitCode = 1;
  },
);
