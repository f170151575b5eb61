import type { Context } from "hono";
import { matchedRoutes } from "hono/route";
import { MoresError } from "../domain/index.js";
import type { AppEnv } from "./app-env.js";

/**
 * The `{community}` a request is about, read from the matched route's path; undefined on other routes.
 * Read once per request (authorization, the community guard and the access log all ask) and kept on the
 * request's context (Hono's own per-request store), null for a route without one, rather than in a WeakMap keyed
 * by every request's context, which the collector must trace as ephemerons.
 */
export function routeCommunity(c: Context<AppEnv>): string | undefined {
  const kept = c.get("routeCommunity");
  if (kept !== undefined) return kept ?? undefined;
  const community = fromPath(c);
  c.set("routeCommunity", community ?? null);
  return community;
}

/** Which segment of each route's path is `:community` (-1: none), by route path: a handful of routes, read once. */
const segmentOf = new Map<string, number>();

function communitySegment(routePath: string): number {
  let at = segmentOf.get(routePath);
  if (at === undefined) {
    at = routePath.split("/").indexOf(":community");
    segmentOf.set(routePath, at);
  }
  return at;
}

/** The `at`-th segment of a path ("/v1/communities/x/…": 3 is "x"), found without splitting the whole path. */
function segment(path: string, at: number): string {
  let start = 0;
  for (let k = 0; k < at; k++) {
    start = path.indexOf("/", start) + 1;
    if (start === 0) return "";
  }
  const end = path.indexOf("/", start);
  return end < 0 ? path.slice(start) : path.slice(start, end);
}

function fromPath(c: Context): string | undefined {
  const route = matchedRoutes(c).at(-1);
  if (!route) return undefined;
  const at = communitySegment(route.path);
  if (at < 0) return undefined;
  const raw = segment(c.req.path, at);
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new MoresError("invalid_encoding", "the community in the path is not valid percent-encoding");
  }
}
