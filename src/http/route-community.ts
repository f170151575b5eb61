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

function fromPath(c: Context): string | undefined {
  const route = matchedRoutes(c).at(-1);
  if (!route) return undefined;
  const at = route.path.split("/").indexOf(":community");
  if (at < 0) return undefined;
  const raw = c.req.path.split("/")[at] ?? "";
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new MoresError("invalid_encoding", "the community in the path is not valid percent-encoding");
  }
}
