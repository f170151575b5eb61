import type { Context } from "hono";
import { requireCommunity } from "../communities/require-community.js";
import { MoresError, slugSchema } from "../domain/index.js";
import type { AppEnv } from "./app-env.js";

/**
 * The community a compatibility call is about, named in its body (Perspective's
 * `communityId`, OpenAI's `model`) rather than the path. A community key may
 * name only its own community — and may leave it out — so the same 403 answers
 * another community whether or not it exists, exactly as on the native routes.
 * The operator's key spans communities, so it must name one.
 */
export async function shimCommunity(c: Context<AppEnv>, named: string | undefined, how: string): Promise<string> {
  const principal = c.get("principal");
  const community = named ?? (principal.kind === "member" ? principal.community : undefined);
  if (community === undefined)
    throw new MoresError("invalid_request", `the operator's key spans communities: name one (${how})`);
  if (principal.kind === "member" && community !== principal.community)
    throw new MoresError("forbidden", "this key belongs to another community");
  if (!slugSchema.safeParse(community).success)
    throw new MoresError("invalid_request", `"${community.slice(0, 80)}" is not a community id (${how})`);
  await requireCommunity(c.get("services"), community);
  return community;
}
