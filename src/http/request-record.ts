import type { Services } from "../context.js";

/** What is known of a request once it is answered: the one record its log line and its metrics both hold. */
export type RequestRecord = {
  requestId: string;
  method: string;
  /** The route's template (`/v1/communities/:community/moderate`), never the raw path; "unmatched" if none. */
  route: string;
  status: number;
  seconds: number;
  community?: string | undefined;
  /** The id of the key that called, never the key itself. */
  keyId?: string | undefined;
  /** Served by Node's write-path lane (src/entry/moderate-lane.ts) rather than the app: its line says so. */
  lane?: true;
};

/**
 * Counts an answered request in the request metrics and writes its access
 * line: request id, method, route template, status, time, community and key
 * id. Never headers or the key: a log must not hand out credentials. Shared
 * by the app's access log and Node's write-path lane, so both read alike.
 */
export function recordRequest(services: Services | undefined, r: RequestRecord): void {
  services?.metrics.request({ method: r.method, route: r.route, status: r.status, seconds: r.seconds });
  services?.logger.info("request", {
    requestId: r.requestId,
    method: r.method,
    route: r.route,
    status: r.status,
    ms: Math.round(r.seconds * 10_000) / 10,
    ...(r.community !== undefined ? { community: r.community } : {}),
    ...(r.keyId !== undefined ? { key: r.keyId } : {}),
    ...(r.lane ? { lane: true } : {}),
  });
}
