import { type ParseArgsConfig, parseArgs } from "node:util";

type Options = NonNullable<ParseArgsConfig["options"]>;
export type Values = Record<string, string | boolean | undefined>;

/** A bad command line: the caller prints the message and the command's usage, and exits 2. */
export class UsageError extends Error {}

const HELP = { help: { type: "boolean", short: "h" } } as const;

/** Prints a usage error the same way for every command: what is wrong, then how to call it. */
export function usageError(message: string, usage: string): number {
  process.stderr.write(`mores: ${message}\n${usage}\n`);
  return 2;
}

/** `--help` or `-h` anywhere before a `--` terminator. */
export function asksForHelp(args: string[]): boolean {
  const end = args.indexOf("--");
  const flags = end === -1 ? args : args.slice(0, end);
  return flags.includes("--help") || flags.includes("-h");
}

/**
 * The one way a command reads its arguments: Node's strict `parseArgs`, plus
 * `--help`/`-h` on every command. Help wins over everything else (even an
 * unknown option next to it), is printed to stdout and exits 0 before the
 * command can touch a file; an unknown option or a stray argument is named and
 * exits 2. `maxPositionals` catches `norms check a b`, which would otherwise
 * silently ignore `b`.
 *
 * @example return command(args, USAGE, { options: { pack: { type: "string" } } }, ({ values }) => run(values));
 */
export async function command(
  args: string[],
  usage: string,
  spec: { options?: Options; maxPositionals?: number },
  body: (parsed: { values: Values; positionals: string[] }) => Promise<number>,
): Promise<number> {
  if (asksForHelp(args)) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({
      args,
      options: { ...spec.options, ...HELP },
      allowPositionals: (spec.maxPositionals ?? 0) > 0,
      strict: true,
    }) as typeof parsed;
  } catch (e) {
    return usageError((e as Error).message, usage);
  }
  const max = spec.maxPositionals ?? 0;
  if (parsed.positionals.length > max) return usageError(`unexpected argument "${parsed.positionals[max]}"`, usage);
  try {
    return await body(parsed);
  } catch (e) {
    if (e instanceof UsageError) return usageError(e.message, usage);
    throw e;
  }
}
