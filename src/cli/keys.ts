import { rotateOperatorKey } from "../access/operator-key.js";
import { openDatabase } from "../db/open-node.js";
import { configOrSay, oneVerb } from "./one-verb.js";

export const KEYS_USAGE = `usage: mores keys rotate-operator
  Creates a new operator key in the database mores uses (DATABASE_URL, else the PGlite in MORES_DATA_DIR — stop
  that server first: PGlite is one process) and revokes every other operator key. Running servers on PostgreSQL
  refuse the old key within a second. The new key is printed once, on stdout; only its hash is stored.`;

/**
 * `mores keys rotate-operator`: a lost or leaked operator key is replaced
 * without editing the database. The revocation is announced like any other
 * (pg_notify), so every running worker drops the old key at once.
 */
export async function keysCommand(
  args: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  return oneVerb(args, "keys", "rotate-operator", KEYS_USAGE, () => rotate(env));
}

async function rotate(env: Record<string, string | undefined>): Promise<number> {
  const config = configOrSay(env);
  if (!config) return 2;
  const database = await openDatabase(config.database);
  try {
    const { key, revoked } = await rotateOperatorKey(database.db, new Date());
    process.stderr.write(
      `mores: a new operator key; ${revoked.length} previous operator key(s) revoked (${revoked.join(", ") || "none"}).\n`,
    );
    if (config.access.operatorKey)
      process.stderr.write(
        "mores: MORES_OPERATOR_KEY is set here; if it was the old key, remove it from the environment.\n",
      );
    process.stdout.write(`${key}\n`);
    return 0;
  } finally {
    await database.close();
  }
}
