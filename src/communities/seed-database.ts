import { adoptOperatorKey, ensureOperatorKey } from "../access/operator-key.js";
import type { Config } from "../config/config.js";
import type { DatabaseHandle } from "../db/client.js";
import type { Logger } from "../lib/logger.js";
import { requirePackDir } from "../norms/load-pack.js";
import { ensureCommunity } from "./seed-community.js";
import { TEMPLATE_COMMUNITY } from "./template.js";

/**
 * First start: the default community from the norms folder, and, unless
 * MORES_OPERATOR_KEY is set, an operator key printed once through `announce`
 * (the terminal, never the log stream). MORES_OPERATOR_KEY is recorded as the
 * operator key and retires the previous one. Returns the starter pack every new
 * community begins with.
 */
export async function seedDatabase(
  database: DatabaseHandle,
  config: Config,
  logger: Logger,
  /** Where the one-time operator key is shown: the terminal, never the log stream. */
  announce: (line: string) => void,
) {
  await ensureCommunity(database.db, {
    id: TEMPLATE_COMMUNITY,
    name: "Default community",
    pack: () => requirePackDir(config.normsDir),
    label: config.normsDir,
    logger,
  });
  if (config.access.operatorKey) {
    const adopted = await adoptOperatorKey(database.db, config.access.operatorKey, new Date());
    if (adopted === "adopted") logger.info("MORES_OPERATOR_KEY is the operator key; any previous one is revoked");
    if (adopted === "revoked")
      logger.warn("MORES_OPERATOR_KEY was revoked (rotated away) and does not work; set a new one or unset it");
  } else {
    const key = await ensureOperatorKey(database.db, new Date());
    if (key)
      announce(
        `mores: created the operator key. It is shown this once and stored only as a hash:\n\n    ${key}\n\nUse it as "Authorization: Bearer <key>" to create communities and their keys. Set MORES_OPERATOR_KEY to use a key of your own instead.`,
      );
  }
}
