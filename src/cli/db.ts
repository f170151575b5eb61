import { seedDatabase } from "../communities/seed-database.js";
import { openDatabase } from "../db/open-node.js";
import { createLogger } from "../lib/logger.js";
import { RulingMonths } from "../rulings/ruling-months.js";
import { configOrSay, oneVerb } from "./one-verb.js";

export const DB_USAGE = `usage: DATABASE_URL=postgres://… mores db setup
  Applies the migrations to DATABASE_URL and creates the template community \`default\` from MORES_NORMS_DIR;
  unless MORES_OPERATOR_KEY is set, creates an operator key and prints it once; makes the rulings' partitions of
  this month and the next three and, with MORES_RULINGS_RETENTION_MONTHS, drops the months past it. Safe to run
  again (run it monthly for a Worker, which has no background work).`;

/**
 * `mores db setup`: what a Worker cannot do for itself, run once from a
 * machine that can reach the database (DATABASE_URL): apply the migrations,
 * create the template community `default` from MORES_NORMS_DIR, and, unless
 * MORES_OPERATOR_KEY is set (then the Worker must have the same secret),
 * create an operator key and print it once. Safe to run again: it changes
 * nothing that exists.
 */
export async function dbCommand(
  args: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  return oneVerb(args, "db", "setup", DB_USAGE, () => setup(env));
}

async function setup(env: Record<string, string | undefined>): Promise<number> {
  const config = configOrSay(env);
  if (!config) return 2;
  if (config.database.kind !== "postgres") {
    process.stderr.write("mores: DATABASE_URL must name the PostgreSQL the Worker reaches through Hyperdrive\n");
    return 2;
  }
  const database = await openDatabase(config.database);
  try {
    const logger = createLogger("warn");
    await seedDatabase(database, config, logger, (line) => process.stdout.write(`${line}\n`));
    await new RulingMonths(
      { db: database.db, clock: () => new Date(), logger },
      config.rulingsRetentionMonths !== undefined ? { retentionMonths: config.rulingsRetentionMonths } : {},
    ).runOnce();
    process.stdout.write("mores: the database is migrated and the template community `default` exists\n");
    return 0;
  } finally {
    await database.close();
  }
}
