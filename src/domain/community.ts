import { z } from "zod";
import { SEVERITIES } from "./outcome.js";

/** Each setting once: the full settings and a client's patch are built from these. */
const fields = {
  appeal_window_days: z.number().int().min(0).max(3650).meta({
    description: "How long after a ruling its author may appeal.",
  }),
  judgment_threshold: z.number().min(0).max(1).meta({
    description: "Confidence at or above which a model's 'exception applies' excepts the content.",
  }),
  text_retention: z.enum(["store", "hash_only"]).meta({
    description: "Whether rulings keep the content's text, or only its hash (and no excerpts).",
  }),
  hold_removals_from: z.enum(["never", ...SEVERITIES]).meta({
    description:
      "Escalation policy: removals of at least this severity wait for a moderator (decision `review`) instead of taking effect at once.",
  }),
  adoption: z.enum(["admin", "second_editor"]).meta({
    description:
      "Who adopts a proposal: an admin, or the approval of a second editor (not the proposer) adopts it by itself.",
  }),
  replay_count: z.number().int().min(0).max(5000).meta({
    description: "How many recent rulings a proposal is replayed against.",
  }),
  unsettled_group_hostility: z.enum(["judge", "allow"]).meta({
    description:
      "When a protected group is named beside hostile words that rules cannot join (fact `group_hostility_unsettled`): `judge` asks the model (else a moderator reviews it); `allow` lets it through.",
  }),
  reclamation: z.enum(["rules", "judge"]).meta({
    description:
      "When a declared member of a group uses a term about themselves or their own (fact `reclaimed_self_reference`): `rules` excepts it at once; `judge` asks the model (else a moderator) to confirm.",
  }),
  wait_seconds: z.number().min(0).max(300).meta({
    description:
      "How long `/moderate` waits for the model by default, in seconds; a request's `Prefer: wait=N` overrides it. Past it, the answer is a provisional ruling (`status: pending_judgment`) that a final one supersedes.",
  }),
  interim: z.enum(["review", "rules"]).meta({
    description:
      "What a provisional ruling decides while the model is still judging: `review` holds the content; `rules` applies what the rules found, the norm's own action, as if the exception were not confirmed.",
  }),
  claim_lease_minutes: z.number().int().min(1).max(1440).meta({
    description:
      "How long a moderator's claim on a queued ruling holds; until it ends or is released, other moderators get 409 `claimed_by_other`.",
  }),
  require_claim: z.boolean().meta({
    description: "Whether deciding a queued ruling needs the decider's own live claim (else 409 `claim_required`).",
  }),
  unsupported_language: z.enum(["review", "allow"]).meta({
    description:
      "What content in a language the norms cannot read gets when the rules would allow it: `review` holds it for a moderator; `allow` lets it through labelled `language_unsupported`. Never a silent allow.",
  }),
  supported_languages: z
    .array(z.string().regex(/^[a-z]{2,3}$/))
    .max(50)
    .meta({
      description:
        "ISO 639-1 codes read as supported besides the norm pack's own (pack.yaml `language` and each lexicon's).",
    }),
};

/** A community's settings, with the defaults a new community starts from. */
export const communitySettingsSchema = z.strictObject({
  appeal_window_days: fields.appeal_window_days.default(180),
  judgment_threshold: fields.judgment_threshold.default(0.8),
  text_retention: fields.text_retention.default("store"),
  escalation: z.strictObject({ hold_removals_from: fields.hold_removals_from.default("never") }).prefault({}),
  proposals: z
    .strictObject({ adoption: fields.adoption.default("admin"), replay_count: fields.replay_count.default(500) })
    .prefault({}),
  routing: z
    .strictObject({
      unsettled_group_hostility: fields.unsettled_group_hostility.default("judge"),
      reclamation: fields.reclamation.default("rules"),
    })
    .prefault({}),
  judgment: z
    .strictObject({ wait_seconds: fields.wait_seconds.default(15), interim: fields.interim.default("review") })
    .prefault({}),
  reviews: z
    .strictObject({
      claim_lease_minutes: fields.claim_lease_minutes.default(15),
      require_claim: fields.require_claim.default(true),
    })
    .prefault({}),
  language: z
    .strictObject({
      supported: fields.supported_languages.default([]),
      unsupported: fields.unsupported_language.default("review"),
    })
    .prefault({}),
});
export type CommunitySettings = z.infer<typeof communitySettingsSchema>;

export const defaultSettings = (): CommunitySettings => communitySettingsSchema.parse({});

/** Settings as a client sends them: any subset; nested objects are merged into the current ones. */
export const communitySettingsPatchSchema = z.strictObject({
  appeal_window_days: fields.appeal_window_days.optional(),
  judgment_threshold: fields.judgment_threshold.optional(),
  text_retention: fields.text_retention.optional(),
  escalation: z.strictObject({ hold_removals_from: fields.hold_removals_from.optional() }).optional(),
  proposals: z
    .strictObject({ adoption: fields.adoption.optional(), replay_count: fields.replay_count.optional() })
    .optional(),
  routing: z
    .strictObject({
      unsettled_group_hostility: fields.unsettled_group_hostility.optional(),
      reclamation: fields.reclamation.optional(),
    })
    .optional(),
  judgment: z
    .strictObject({ wait_seconds: fields.wait_seconds.optional(), interim: fields.interim.optional() })
    .optional(),
  reviews: z
    .strictObject({
      claim_lease_minutes: fields.claim_lease_minutes.optional(),
      require_claim: fields.require_claim.optional(),
    })
    .optional(),
  language: z
    .strictObject({
      supported: fields.supported_languages.optional(),
      unsupported: fields.unsupported_language.optional(),
    })
    .optional(),
});
export type CommunitySettingsPatch = z.infer<typeof communitySettingsPatchSchema>;

export function applySettingsPatch(current: CommunitySettings, patch: CommunitySettingsPatch): CommunitySettings {
  return communitySettingsSchema.parse({
    ...current,
    ...patch,
    escalation: { ...current.escalation, ...patch.escalation },
    proposals: { ...current.proposals, ...patch.proposals },
    routing: { ...current.routing, ...patch.routing },
    judgment: { ...current.judgment, ...patch.judgment },
    reviews: { ...current.reviews, ...patch.reviews },
    language: { ...current.language, ...patch.language },
  });
}
