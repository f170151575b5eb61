import { z } from "zod";

/** A community's settings, with the defaults a new community starts from. */
export const communitySettingsSchema = z.strictObject({
  appeal_window_days: z.number().int().min(0).max(3650).default(180).meta({
    description: "How long after a ruling its author may appeal.",
  }),
  judgment_threshold: z.number().min(0).max(1).default(0.8).meta({
    description: "Confidence at or above which a model's 'exception applies' excepts the content.",
  }),
  text_retention: z.enum(["store", "hash_only"]).default("store").meta({
    description: "Whether rulings keep the content's text, or only its hash (and no excerpts).",
  }),
});
export type CommunitySettings = z.infer<typeof communitySettingsSchema>;

export const defaultSettings = (): CommunitySettings => communitySettingsSchema.parse({});
