import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config.js";
import type { DatabaseHandle } from "../../src/db/client.js";
import { buildNodeService, type NodeService } from "../../src/entry/node-service.js";
import { createLogger } from "../../src/lib/logger.js";
import { repoPath } from "../helpers/packs.js";
import { backends } from "../support/backends.js";
import { TEST_WEBHOOK_ENV } from "../support/service.js";

/**
 * The operator key across restarts on one database (PGlite): the key
 * generated at first start, then MORES_OPERATOR_KEY set, then changed. Each
 * start is a new service on the same database, as a restart would be.
 */
const started: NodeService[] = [];
let database: DatabaseHandle;
afterAll(async () => {
  // The services share one database: their servers end with the test process, the database once.
  started.length = 0;
  await database?.close();
});

async function start(operatorKey?: string) {
  const config = loadConfig({
    ...TEST_WEBHOOK_ENV,
    MORES_NORMS_DIR: repoPath("norms/default"),
    LOG_LEVEL: "silent",
    ...(operatorKey ? { MORES_OPERATOR_KEY: operatorKey } : {}),
  });
  const printed: string[] = [];
  const logs: string[] = [];
  const service = await buildNodeService(config, {
    database,
    logger: createLogger("info", (l) => logs.push(l)),
    announce: (line) => printed.push(line),
  });
  started.push(service);
  const { port } = await service.listen(0, "127.0.0.1");
  const status = async (key: string) =>
    (await fetch(`http://127.0.0.1:${port}/v1/communities`, { headers: { authorization: `Bearer ${key}` } })).status;
  return { printed: printed.join("\n"), logs: logs.join("\n"), status };
}

describe("operator key", () => {
  it("a new MORES_OPERATOR_KEY retires the previous operator key; a retired one never comes back", {
    timeout: 120_000,
  }, async () => {
    const [pglite] = backends();
    database = await (pglite as NonNullable<typeof pglite>).open();

    const first = await start();
    const generated = /mores_key_[\w-]+/.exec(first.printed)?.[0] as string;
    expect(generated).toBeDefined();
    expect(first.logs).not.toContain(generated);
    expect(await first.status(generated)).toBe(200);

    const envA = "operator-key-from-env-A-0123456789";
    const second = await start(envA);
    expect(second.printed).toBe("");
    expect(await second.status(envA)).toBe(200);
    expect(await second.status(generated)).toBe(401);

    const envB = "operator-key-from-env-B-0123456789";
    const third = await start(envB);
    expect(await third.status(envB)).toBe(200);
    expect(await third.status(envA)).toBe(401);

    const again = await start(envA);
    expect(await again.status(envA)).toBe(401);
    expect(again.logs).toContain("MORES_OPERATOR_KEY was revoked");
    expect(await again.status(envB)).toBe(200);
  });
});
