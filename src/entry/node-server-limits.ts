import type { ServerOptions } from "node:http";
import type { Config } from "../config/config.js";

/**
 * node:http limits against slow clients. Without them a client that sends its
 * headers or body a byte at a time holds a connection (and its memory) for as
 * long as it likes. A client that has not sent its headers within
 * `headersTimeoutMs`, or its whole request within `requestTimeoutMs`, gets a
 * 408 and is disconnected; an idle keep-alive connection is closed after
 * `keepAliveTimeoutMs`. Node checks these deadlines every
 * `connectionsCheckingInterval` (30 s by default, which would let a slow
 * client stay that much longer), so the check runs at a fraction of the
 * shortest limit.
 */
export function serverLimits(limits: Config["server"]): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(limits.headersTimeoutMs / 4))),
  };
}
