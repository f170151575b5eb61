import { recordAudit } from "../audit/record-audit.js";
import type { Services } from "../context.js";
import {
  applySettingsPatch,
  type CommunitySettingsPatch,
  defaultSettings,
  MoresError,
  type Principal,
} from "../domain/index.js";
import { type CommunityView, getCommunity } from "./community-view.js";
import { insertCommunity } from "./insert-community.js";
import { TEMPLATE_COMMUNITY } from "./template.js";

/**
 * Creates a community (operator only). Its first norm set is a copy of the
 * template community's set in force, which its editors then change through
 * proposals.
 */
export async function createCommunity(
  ctx: Services,
  input: { id: string; name: string; settings?: CommunitySettingsPatch },
  actor: Principal,
): Promise<CommunityView> {
  const settings = applySettingsPatch(defaultSettings(), input.settings ?? {});
  const template = await ctx.normSets.current(TEMPLATE_COMMUNITY);
  const now = ctx.clock();
  await ctx.db.transaction(async (tx) => {
    const created = await insertCommunity(tx, {
      id: input.id,
      name: input.name,
      settings,
      pack: template.pack,
      createdBy: actor.keyId,
      process: `copied from ${TEMPLATE_COMMUNITY}@${template.version} at community creation`,
    });
    if (!created) throw new MoresError("community_exists", `community "${input.id}" already exists`);
    await recordAudit(tx, {
      community: input.id,
      action: "community.created",
      actor,
      target: input.id,
      detail: { name: input.name, settings },
      at: now,
    });
  });
  return getCommunity(ctx, input.id);
}
