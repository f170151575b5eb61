import { access, mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import type { ParseArgsConfig } from "node:util";
import { call, HttpError, type Remote } from "../lib/api-client.js";
import { readPackDir } from "../norms/load-pack.js";
import { command, UsageError, type Values } from "./args.js";
import { type ProposalForText, proposalReportText } from "./proposal-report-text.js";
import { pointHintAtPulledSchemas, writePulledSchemas } from "./pull-schemas.js";

const DEFAULT_URL = "http://127.0.0.1:8787";

const SERVICE_FLAGS = `  --url defaults to $MORES_URL, else ${DEFAULT_URL}; --key defaults to $MORES_KEY and is required.`;

export const PUSH_USAGE = `usage: mores norms push <dir> --community <id> [--title "…"] [--diff] [--adopt] [--url URL] [--key KEY]
  Proposes the pack folder <dir> as the community's whole pack and prints the report (changes, diff,
  examples, replay of recent rulings, adoptable); --adopt then adopts it (admin key).
  Exit 0 when adoptable (and adopted if asked), 1 when not or on an HTTP error.
${SERVICE_FLAGS}`;

export const PULL_USAGE = `usage: mores norms pull <dir> --community <id> [--version N] [--url URL] [--key KEY]
  Writes a norm-set version (default: the one in force) into <dir>, removing norm and lexicon files the
  version does not have, and the pack JSON Schemas into <dir>/schema/, which the files' editor hints
  (\`# yaml-language-server: $schema=…\`) point at.
${SERVICE_FLAGS}`;

/** What the API accepts as a pack path; also what pull will write, since the paths come from the network. */
const SAFE_PATH = /^[a-z0-9][a-z0-9._-]*(?:\/[a-z0-9][a-z0-9._-]*)*\.ya?ml$/;

type Env = Record<string, string | undefined>;
type Say = { out(s: string): void; err(s: string): void };

/** Writers that can never print the key, whatever a server or an error message echoes. */
function speaker(key: string): Say {
  const hide = (s: string) => (key ? s.split(key).join("[key]") : s);
  return { out: (s) => process.stdout.write(`${hide(s)}\n`), err: (s) => process.stderr.write(`${hide(s)}\n`) };
}

const COMMON = {
  community: { type: "string" },
  url: { type: "string" },
  key: { type: "string" },
} as const;

/** The pack folder and the service to talk to, from the flags and the environment; UsageError if incomplete. */
function target(values: { community?: string; url?: string; key?: string }, positionals: string[], env: Env) {
  if (positionals.length !== 1) throw new UsageError("name exactly one pack folder");
  if (!values.community) throw new UsageError("--community is required");
  const key = values.key ?? env.MORES_KEY;
  if (!key) throw new UsageError("an API key is required: --key or MORES_KEY");
  const base = (values.url ?? env.MORES_URL ?? DEFAULT_URL).replace(/\/+$/, "");
  if (!URL.canParse(base) || !/^https?:$/.test(new URL(base).protocol))
    throw new UsageError(`--url must be an http(s) URL, got ${JSON.stringify(base)}`);
  return { dir: positionals[0] as string, remote: { base, community: values.community, key } };
}

/**
 * Parses the flags, runs a command, and turns failures into exit codes:
 * 2 with the usage for a usage error, 1 with the problem's detail (and each
 * located error, blocking reason or schema issue it lists) for an HTTP error.
 */
function run(
  args: string[],
  env: Env,
  usage: string,
  options: NonNullable<ParseArgsConfig["options"]>,
  body: (values: Values, dir: string, remote: Remote, say: Say) => Promise<number>,
  relabel: (dir: string, line: string) => string = (_, line) => line,
): Promise<number> {
  return command(args, usage, { options: { ...COMMON, ...options }, maxPositionals: 1 }, async (parsed) => {
    const { dir, remote } = target(parsed.values as Parameters<typeof target>[0], parsed.positionals, env);
    const say = speaker(remote.key);
    try {
      return await body(parsed.values, dir, remote, say);
    } catch (e) {
      if (!(e instanceof HttpError)) throw e;
      say.err(`mores: ${relabel(dir, e.message)}`);
      const p = e.problem;
      for (const line of p?.errors ?? []) say.err(indent(relabel(dir, line)));
      for (const line of p?.blocking ?? []) say.err(`  - ${line}`);
      for (const i of p?.issues ?? []) say.err(`  ${i.path || "(body)"}: ${i.message}`);
      if (p?.requestId) say.err(`  (request ${p.requestId})`);
      return 1;
    }
  });
}

/** A located error can span lines (the source line and a caret under it): each line is indented alike. */
const indent = (text: string) =>
  text
    .split("\n")
    .map((l) => `  ${l}`)
    .join("\n");

/** `mores norms push <dir>`: proposes the folder as the whole pack, prints the report, optionally adopts. */
export function pushCommand(args: string[], env: Env = process.env): Promise<number> {
  const flags = { title: { type: "string" }, diff: { type: "boolean" }, adopt: { type: "boolean" } } as const;
  // The service labels files "proposal/<path>"; the editor's copy of that file is <dir>/<path>.
  const relabel = (dir: string, line: string) =>
    line.replace(
      /(^|[\s(])proposal\/(?=[\w./-]+\.ya?ml\b)/g,
      (_, before: string) => `${before}${dir.replace(/\/+$/, "")}/`,
    );
  return run(
    args,
    env,
    PUSH_USAGE,
    flags,
    async (values, dir, remote, say) => {
      let files: Record<string, string>;
      try {
        files = await readPackDir(dir);
      } catch (e) {
        say.err(
          `mores: cannot read the pack folder ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        );
        return 1;
      }
      const title = ((values.title as string | undefined) ?? `push from ${dir}`).slice(0, 200);
      const proposal = (await call(remote, "POST", "/proposals", {
        title,
        change: { kind: "pack", files },
      })) as ProposalForText;
      say.out(proposalReportText(proposal, { diff: values.diff === true }));
      if (!proposal.report.adoptable) {
        if (values.adopt) say.err("mores: not adopted: the proposal is not adoptable");
        return 1;
      }
      if (!values.adopt) return 0;
      const adopted = (await call(
        remote,
        "POST",
        `/proposals/${encodeURIComponent(proposal.id)}/adopt`,
      )) as ProposalForText;
      say.out(`adopted ${adopted.id}: version ${adopted.adopted_version} is in force`);
      return 0;
    },
    relabel,
  );
}

/** Norm and lexicon files under <dir> (relative paths): the only files pull may delete. */
async function localItemFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const sub of ["norms", "lexicons"]) {
    const entries = await readdir(join(dir, sub), { recursive: true, withFileTypes: true }).catch(() => []);
    for (const e of entries)
      if (e.isFile() && /\.ya?ml$/.test(e.name))
        found.push(relative(dir, join(e.parentPath, e.name)).split("\\").join("/"));
  }
  return found.sort();
}

/** `mores norms pull <dir>`: writes a norm-set version's files into the folder so that it mirrors that version. */
export function pullCommand(args: string[], env: Env = process.env): Promise<number> {
  return run(args, env, PULL_USAGE, { version: { type: "string" } } as const, async (values, dir, remote, say) => {
    const version = values.version as string | undefined;
    if (version !== undefined && !/^[1-9]\d*$/.test(version))
      throw new UsageError("--version must be a positive integer");
    const pack = (await call(remote, "GET", `/pack${version ? `?version=${version}` : ""}`)) as {
      community: string;
      version: number;
      in_force: boolean;
      files: Record<string, string>;
    };
    const paths = Object.keys(pack.files).sort();
    const unsafe = paths.filter((p) => !SAFE_PATH.test(p));
    if (unsafe.length > 0) {
      say.err(`mores: the service sent paths outside a pack folder; nothing was written: ${unsafe.join(", ")}`);
      return 1;
    }
    const stale = (await localItemFiles(dir)).filter((p) => !(p in pack.files));
    for (const p of paths) {
      await mkdir(dirname(join(dir, p)), { recursive: true });
      await writeFile(join(dir, p), pointHintAtPulledSchemas(p, pack.files[p] as string));
    }
    await writePulledSchemas(dir);
    for (const p of stale) await rm(join(dir, p));
    say.out(
      `pulled ${pack.community} version ${pack.version} (${paths.length} files) into ${dir}, schemas in ${join(dir, "schema")}`,
    );
    for (const p of stale) say.out(`  removed ${p}`);
    // Only norm and lexicon files are ever deleted; a leftover top-level file is pointed out instead.
    for (const p of ["groups.yaml", "patterns.yaml"].filter((f) => !(f in pack.files))) {
      if (
        await access(join(dir, p)).then(
          () => true,
          () => false,
        )
      )
        say.out(
          `  note: ${p} is not part of version ${pack.version} but was left in place: delete it to mirror the version`,
        );
    }
    if (!pack.in_force) say.out(`  note: version ${pack.version} is not the version in force`);
    return 0;
  });
}
