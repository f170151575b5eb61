import { type Config, ConfigError, loadConfig } from "../config/config.js";
import { command, usageError } from "./args.js";

/**
 * A command group with one verb (`mores db setup`, `mores keys rotate-operator`): `--help` answers the usage,
 * anything but the verb is a usage error naming it, and the verb's own options are parsed by `command`.
 */
export function oneVerb(
  args: string[],
  group: string,
  verb: string,
  usage: string,
  run: () => Promise<number>,
): Promise<number> | number {
  const [given, ...rest] = args;
  if (given === "--help" || given === "-h") return command(["--help"], usage, {}, async () => 0);
  if (given !== verb)
    return usageError(given === undefined ? `name a ${group} command` : `unknown command "${group} ${given}"`, usage);
  return command(rest, usage, {}, run);
}

/** The configuration from the environment, or undefined after saying on stderr why it is invalid. */
export function configOrSay(env: Record<string, string | undefined>): Config | undefined {
  try {
    return loadConfig(env);
  } catch (e) {
    process.stderr.write(`mores: ${e instanceof ConfigError ? e.message : String(e)}\n`);
    return undefined;
  }
}
