import { parseArgs } from "node:util";
import { loadConfig } from "../config/config.js";
import { defaultSettings } from "../domain/index.js";
import { dryRunJudge } from "../moderation/dry-run-judge.js";
import { loadPackDir } from "../norms/load-pack.js";
import { formatPackError } from "../norms/pack-error.js";
import { JudgmentCache } from "../reasoner/judgment-cache.js";
import { createReasoner } from "../reasoner/providers.js";

const USAGE = `usage: mores judge --norm <id> --text <content> [--groups a,b] [--role r] [--parent <text>] [--kind k] [--pack dir]
  Evaluates the content against one norm of a pack with the reasoner configured by REASONER_* variables,
  and prints the whole trace as JSON. Records nothing.`;

export async function judgeCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      norm: { type: "string" },
      text: { type: "string" },
      groups: { type: "string" },
      role: { type: "string" },
      parent: { type: "string" },
      kind: { type: "string" },
      pack: { type: "string", default: "norms/default" },
    },
  });
  if (!values.norm || values.text === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadConfig(process.env);
  const { loaded, errors } = await loadPackDir(values.pack as string);
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
    reasoner: createReasoner(config.reasoner),
    cache: new JudgmentCache(0),
    budgetMs: config.reasoner.budgetMs,
  };
  const result = await dryRunJudge(deps, set, values.norm, {
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
