import { count } from "drizzle-orm";
import { loadConfig } from "../../src/config/config.js";
import { rulingNorms, rulings } from "../../src/db/schema/index.js";
import { buildNodeService, type NodeService } from "../../src/entry/node-service.js";
import { createLogger } from "../../src/lib/logger.js";
import type { Resolve } from "../../src/webhooks/target-policy.js";
import { repoPath } from "../helpers/packs.js";
import type { Backend } from "./backends.js";

/** The operator key every test service starts with (MORES_OPERATOR_KEY); requests send it unless told otherwise. */
export const OPERATOR_KEY = "test-operator-key-0123456789";

/**
 * What every test service starts with: its webhook receivers run on
 * 127.0.0.1, which only the allow-list lets mores reach, and a fixed secret
 * key (a test that checks refusals passes MORES_WEBHOOK_ALLOW_PRIVATE: "").
 */
export const TEST_WEBHOOK_ENV = {
  MORES_WEBHOOK_ALLOW_PRIVATE: "127.0.0.1/32",
  MORES_SECRET_KEY: "bW9yZXMtdGVzdC1zZWNyZXQta2V5LTMyLWJ5dGVzISE=",
};

export type TestService = {
  base: string;
  service: NodeService;
  /** Sends `authorization: Bearer <operator key>` unless `headers` sets its own authorization. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  /** Any method, with an optional JSON body and key (`null`: no authorization header at all). */
  send(method: string, path: string, options?: { body?: unknown; key?: string | null }): Promise<Response>;
  /** Rows in the rulings tables: what "changes nothing" is checked against. */
  rowCounts(): Promise<{ rulings: number; norms: number }>;
  close(): Promise<void>;
};

/** Starts the real Node service on a fresh database of `backend`, listening on 127.0.0.1 (real HTTP). */
export async function startService(
  backend: Backend,
  env: Record<string, string> = {},
  options: { logLines?: string[]; resolve?: Resolve } = {},
): Promise<TestService> {
  const config = loadConfig({
    MORES_NORMS_DIR: repoPath("norms/default"),
    LOG_LEVEL: "silent",
    MORES_NORMS_REFRESH_MS: "0",
    MORES_OPERATOR_KEY: OPERATOR_KEY,
    // Suites that send hundreds of requests at once test other things than admission control
    // (overload.error.test.ts sets its own bound).
    MORES_MAX_IN_FLIGHT: "4096",
    // Tests close their service with idle keep-alive connections open: no reason to leave them time.
    MORES_SHUTDOWN_GRACE_MS: "0",
    ...TEST_WEBHOOK_ENV,
    ...env,
  });
  if (backend.name === "postgres") config.groupCommit.maxInFlight = 4;
  const database = await backend.open();
  const logger = options.logLines
    ? createLogger("debug", (line) => options.logLines?.push(line))
    : createLogger("silent");
  const service = await buildNodeService(config, {
    database,
    logger,
    ...(options.resolve ? { resolve: options.resolve } : {}),
  });
  const { port } = await service.listen(0, "127.0.0.1");
  const base = `http://127.0.0.1:${port}`;
  return {
    ...httpClient(base, config.access.operatorKey ?? OPERATOR_KEY),
    service,
    rowCounts: async () => {
      const db = service.services.db;
      const [r] = await db.select({ n: count() }).from(rulings);
      const [n] = await db.select({ n: count() }).from(rulingNorms);
      return { rulings: r?.n ?? 0, norms: n?.n ?? 0 };
    },
    close: () => service.close(),
  };
}

/** The HTTP half of a TestService: requests to `base`, sent with `key` unless a call says otherwise. */
export function httpClient(
  base: string,
  key: string,
  gone: () => string | undefined = () => undefined,
): Pick<TestService, "base" | "post" | "get" | "send"> {
  const auth = { authorization: `Bearer ${key}` };
  // When the server has died, a failed request says why (its exit and last output), not only "fetch failed".
  const call = (url: string, init: RequestInit) =>
    fetch(url, init).catch((e: unknown) => {
      const why = gone();
      throw why ? new Error(why, { cause: e }) : e;
    });
  return {
    base,
    post: (path, body, headers = {}) =>
      call(base + path, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json", ...headers },
        body: typeof body === "string" ? body : JSON.stringify(body),
      }),
    get: (path, headers = {}) => call(base + path, { headers: { ...auth, ...headers } }),
    send: (method, path, options = {}) => {
      const authorization = options.key === undefined ? auth.authorization : options.key && `Bearer ${options.key}`;
      return call(base + path, {
        method,
        headers: {
          ...(authorization ? { authorization } : {}),
          ...(options.body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
    },
  };
}
