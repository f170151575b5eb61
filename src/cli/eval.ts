import { parseArgs } from "node:util";
import { loadConfig } from "../config/config.js";
import { compare } from "../evaluation/compare.js";
import { readCases } from "../evaluation/read-cases.js";
import { evalJson } from "../evaluation/report-json.js";
import { comparisonText, reportText } from "../evaluation/report-text.js";
import { localRunner } from "../evaluation/run-local.js";
import { fetchPackVersion, remoteRunner } from "../evaluation/run-remote.js";
import type { Runner } from "../evaluation/runner.js";
import { score } from "../evaluation/score.js";
import type { Remote } from "../lib/api-client.js";
import type { LoadedPack } from "../norms/load-pack.js";
import { loadPackDir } from "../norms/load-pack.js";
import { formatPackError } from "../norms/pack-error.js";
import { loadReasoner } from "../reasoner/load-reasoner.js";
import { asksForHelp } from "./args.js";

export const EVAL_USAGE = `usage: mores eval <file|folder>... [--pack dir] [--compare <dir|version>] [--json] [--examples N]
       mores eval <file|folder>... --community <id> [--url URL] [--key KEY] [--compare <dir|version>]
  Judges every case of CSV or JSONL files (or folders of them) and prints, per category, the share
  allowed, sent to review and blocked; hateful cases caught (blocked or reviewed); non-hateful cases
  blocked; the review share; and the worst failures.
  Case fields: text; label (hateful | non-hateful, also abusive | benign | contextual) or expected
  (allow | review | block, or a decision: remove, hide, label, escalate, …); category; group;
  author_groups (array, or "a;b" in CSV); parent (the message replied to); expected_block (true/false).
  --pack dir      judge in-process with this pack (default norms/default) and the model configured by
                  REASONER_* variables; with none, whatever needs judgment counts as review
  --community id  judge with a running service instead (its batch endpoint; each case is recorded as a
                  ruling there); --url defaults to $MORES_URL, else http://127.0.0.1:8787, --key to $MORES_KEY
  --compare x     also judge with x — a pack folder, or a norm-set version number of the service's
                  community (judged in-process) — and show both side by side with the cases that changed
  --json          print the report as JSON
  --category c    only cases of these categories (comma-separated; "evasion-*" takes a prefix)
  --examples N    failures listed per kind (default 10)`;

const fail = (message: string, code: number) => {
  process.stderr.write(`mores: ${message}\n`);
  return code;
};

/** `mores eval`: parses flags, builds the runners, runs the cases, prints the report. */
export async function evalCommand(args: string[], env: Record<string, string | undefined> = process.env) {
  if (asksForHelp(args)) {
    process.stdout.write(`${EVAL_USAGE}\n`);
    return 0;
  }
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (e) {
    return fail(`${(e as Error).message}\n${EVAL_USAGE}`, 2);
  }
  const { values, positionals } = parsed;
  const examples = Number(values.examples ?? "10");
  if (positionals.length === 0 || !Number.isInteger(examples) || examples < 0)
    return fail(`name at least one case file; --examples takes a whole number\n${EVAL_USAGE}`, 2);

  let remote: Remote | undefined;
  if ((values.community || values.url) && values.pack)
    return fail("judge with --pack or with a service (--community), not both; --compare takes the other", 2);
  if (values.community || values.url) {
    const key = values.key ?? env.MORES_KEY;
    if (!values.community || !key) return fail(`a service needs --community and a key (--key or MORES_KEY)`, 2);
    const base = (values.url ?? env.MORES_URL ?? "http://127.0.0.1:8787").replace(/\/+$/, "");
    if (!URL.canParse(base) || !/^https?:$/.test(new URL(base).protocol))
      return fail(`--url must be an http(s) URL, got ${JSON.stringify(base)}`, 2);
    remote = { base, community: values.community, key };
  }

  try {
    const cases = (await readCases(positionals)).filter(inCategories(values.category));
    if (cases.length === 0) return fail("no cases to judge (check the files and --category)", 1);
    const config = loadConfig(env);
    const reasoner = await loadReasoner(config.reasoner);
    const how =
      reasoner.provider === "none"
        ? "no model: judgment counts as review"
        : `model ${reasoner.provider}/${reasoner.model}`;
    const local = (name: string, loaded: LoadedPack) =>
      localRunner(`${name} (in-process, ${how})`, loaded, reasoner, { budgetMs: config.reasoner.budgetMs });
    const fromDir = async (dir: string) => {
      const { loaded, errors } = await loadPackDir(dir);
      if (!loaded) throw new Error(`the pack ${dir} is invalid:\n${errors.map(formatPackError).join("\n")}`);
      return local(dir, loaded);
    };
    const first: Runner = remote ? remoteRunner(remote) : await fromDir(values.pack ?? "norms/default");
    let second: Runner | undefined;
    if (values.compare && /^[1-9]\d*$/.test(values.compare)) {
      if (!remote) return fail("--compare with a version number needs a service: --community (and --url, --key)", 2);
      second = local(
        `${remote.community} version ${values.compare}`,
        await fetchPackVersion(remote, Number(values.compare)),
      );
    } else if (values.compare) second = await fromDir(values.compare);

    const a = score(first.name, cases, await first.run(cases));
    const comparison = second ? compare(a, score(second.name, cases, await second.run(cases))) : undefined;
    if (values.json) process.stdout.write(`${JSON.stringify(evalJson(a, examples, comparison), null, 2)}\n`);
    else process.stdout.write(comparison ? comparisonText(comparison, examples) : reportText(a, examples));
    return 0;
  } catch (e) {
    const message = (e as Error).message;
    // Errors may echo what the service sent; the key is never printed.
    return fail(remote ? message.split(remote.key).join("[key]") : message, 1);
  }
}

/** A filter for `--category a,b,prefix-*`; everything passes without the flag. */
function inCategories(list: string | undefined) {
  if (!list) return () => true;
  const wanted = list
    .split(",")
    .map((c) => c.trim())
    .filter(Boolean);
  return (c: { category: string }) =>
    wanted.some((w) => (w.endsWith("*") ? c.category.startsWith(w.slice(0, -1)) : c.category === w));
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      pack: { type: "string" },
      community: { type: "string" },
      url: { type: "string" },
      key: { type: "string" },
      compare: { type: "string" },
      json: { type: "boolean" },
      examples: { type: "string" },
      category: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}
