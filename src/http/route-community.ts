import type { Context } from "hono";
import { matchedRoutes } from "hono/route";
import { MoresError } from "../domain/index.js";

/** Each request's answer: authorization, the community guard and the access log all ask. */
const known = new WeakMap<Context, string | undefined>();

/** The `{community}` a request is about, read from the matched route's path; undefined on other routes. */
export function routeCommunity(c: Context): string | undefined {
  if (known.has(c)) return known.get(c);
  const community = fromPath(c);
  known.set(c, community);
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
