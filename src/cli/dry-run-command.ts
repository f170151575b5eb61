import { loadConfig } from "../config/config.js";
import { defaultSettings } from "../domain/index.js";
import { dryRun } from "../moderation/dry-run.js";
import { loadPackDir } from "../norms/load-pack.js";
import { formatPackError } from "../norms/pack-error.js";
import { JudgmentCache } from "../reasoner/judgment-cache.js";
import { loadReasoner } from "../reasoner/load-reasoner.js";
import { command, UsageError } from "./args.js";

export const JUDGE_USAGE = `usage: mores judge --norm <id> --text <content> [--groups a,b] [--role r] [--parent <text>] [--kind k] [--pack dir]
  Evaluates the content against one norm of a pack with the reasoner configured by REASONER_* variables,
  and prints the whole trace as JSON. Records nothing.`;

const OPTIONS = {
  norm: { type: "string" },
  text: { type: "string" },
  groups: { type: "string" },
  role: { type: "string" },
  parent: { type: "string" },
  kind: { type: "string" },
  pack: { type: "string", default: "norms/default" },
} as const;

export function dryRunCommand(args: string[]): Promise<number> {
  return command(args, JUDGE_USAGE, { options: OPTIONS }, ({ values }) => dryRunOne(values as JudgeFlags));
}

type JudgeFlags = { [K in keyof typeof OPTIONS]?: string };

async function dryRunOne(values: JudgeFlags): Promise<number> {
  if (!values.norm || values.text === undefined) throw new UsageError("--norm and --text are required");
  const config = loadConfig(process.env);
  const { loaded, errors } = await loadPackDir(values.pack ?? "norms/default");
  if (!loaded) {
    for (const e of errors) process.stderr.write(`${formatPackError(e)}\n`);
    return 1;
  }
  const set = {
    community: "cli",
    version: 0,
    pack: loaded.pack,
    normVersions: new Map(loaded.pack.norms.map((n) => [n.id, 0])),
    compiled: loaded.compiled,
    settings: defaultSettings(),
  };
  const deps = {
    reasoner: await loadReasoner(config.reasoner),
    cache: new JudgmentCache(0),
    budgetMs: config.reasoner.budgetMs,
  };
  const result = await dryRun(deps, set, values.norm, {
    content: { text: values.text, ...(values.kind ? { kind: values.kind } : {}) },
    ...(values.groups || values.role
      ? {
          author: {
            ...(values.groups ? { groups: values.groups.split(",") } : {}),
            ...(values.role ? { role: values.role } : {}),
          },
        }
      : {}),
    ...(values.parent ? { context: { parent: { text: values.parent } } } : {}),
  });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  return 0;
}
