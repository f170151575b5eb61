import { eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.js";
import type { Services } from "../context.js";
import { communities } from "../db/schema/index.js";
import { applySettingsPatch, type CommunitySettingsPatch, type Principal } from "../domain/index.js";
import { type CommunityView, getCommunity } from "./community-view.js";

/** Renames a community or changes some of its settings; the audit log keeps the settings before and after. */
export async function updateCommunity(
  ctx: Services,
  id: string,
  input: { name?: string; settings?: CommunitySettingsPatch },
  actor: Principal,
): Promise<CommunityView> {
  const before = await getCommunity(ctx, id);
  const settings = applySettingsPatch(before.settings, input.settings ?? {});
  const name = input.name ?? before.name;
  await ctx.db.transaction(async (tx) => {
    await tx.update(communities).set({ name, settings }).where(eq(communities.id, id));
    await recordAudit(tx, {
      community: id,
      action: "community.updated",
      actor,
      target: id,
      detail: { before: { name: before.name, settings: before.settings }, after: { name, settings } },
      at: ctx.clock(),
    });
  });
  ctx.normSets.invalidate(id);
  return getCommunity(ctx, id);
}
