import { z } from "zod";
import { judgmentRecordSchema } from "./judgment.js";
import { actionSchema, DECISIONS, severitySchema } from "./outcome.js";

/** A norm's outcome as a ruling records it. `needs_review` is rule-stage `needs_judgment` not settled by reasoning. */
export const RULING_OUTCOMES = ["violated", "excepted", "needs_review"] as const;
export type RulingOutcome = (typeof RULING_OUTCOMES)[number];

/** `pending_judgment`: provisional, answered before the model did; a final ruling supersedes it when it does. */
export const RULING_STATUSES = ["final", "pending_judgment"] as const;
export type RulingStatus = (typeof RULING_STATUSES)[number];

/** What produced a ruling: an evaluation, the model's late judgment of a provisional one, or a person. */
export const RULING_ORIGINS = ["evaluation", "judgment", "review", "appeal"] as const;
export type RulingOrigin = (typeof RULING_ORIGINS)[number];

export const rulingNormSchema = z
  .object({
    id: z.string(),
    version: z.number().int().meta({ description: "The exact norm version applied: cite as id@version." }),
    title: z.string(),
    outcome: z.enum(RULING_OUTCOMES),
    exception: z.string().optional().meta({ description: "The exception that applies (excepted)." }),
    candidates: z
      .array(z.object({ exception: z.string(), description: z.string() }))
      .optional()
      .meta({ description: "Exceptions that context must confirm or rule out (needs_review)." }),
    cause: z.string().optional().meta({ description: "Why the norm needs review." }),
    judgment: judgmentRecordSchema.optional().meta({
      description: "The reasoning record, when a model was asked: kept apart from the rule-derived facts.",
    }),
    action: actionSchema,
    severity: severitySchema,
  })
  .meta({ id: "RulingNorm" });
export type RulingNorm = z.infer<typeof rulingNormSchema>;

export const evidenceSchema = z
  .object({
    lexicon: z.string(),
    term: z.string(),
    category: z.string(),
    group: z.string().optional(),
    sentence: z.number().int(),
    quoted: z.boolean(),
    span: z.tuple([z.number().int(), z.number().int()]).meta({ description: "UTF-16 offsets in the text sent." }),
    excerpt: z.string().optional().meta({ description: "Absent when the community keeps only hashes." }),
  })
  .meta({ id: "Evidence" });

export const rulingSchema = z
  .object({
    id: z.string().meta({ example: "rul_01jd5x0k3m9q8w2e4r6t8y0u2i" }),
    community: z.string(),
    decision: z.enum(DECISIONS).meta({
      description: "What the platform does now. While `status` is `pending_judgment`, the community's interim action.",
    }),
    status: z.enum(RULING_STATUSES).meta({
      description:
        "`final`, or `pending_judgment`: the model had not answered within the wait (`Prefer: wait`, or the community's `judgment.wait_seconds`). A final ruling supersedes it when the model answers (or fails: then `review`), announced by the `ruling.superseded` webhook.",
    }),
    norm_set_version: z.number().int(),
    norms: z.array(rulingNormSchema).meta({ description: "Every engaged norm, with its exact version." }),
    content: z.object({
      id: z.string().optional(),
      kind: z.string().optional(),
      hash: z.string().meta({ description: "SHA-256 of the text." }),
      text: z.string().optional().meta({ description: "Absent when the community keeps only hashes." }),
    }),
    facts: z.record(z.string(), z.unknown()).meta({ description: "The facts the rules saw." }),
    evidence: z.array(evidenceSchema),
    trace: z.record(z.string(), z.unknown()).meta({
      description: "Per norm: which trigger and exception conditions held, with the fact values seen.",
    }),
    origin: z.enum(RULING_ORIGINS),
    supersedes: z.string().nullable(),
    language: z.string().nullable().meta({
      description:
        "ISO 639-1 code of the content's language when the detector was sure of it (enough text, a confident answer, few English words for a non-English one); null otherwise.",
    }),
    labels: z.array(z.string()).meta({
      description:
        "Labels beside the decision. `language_unsupported`: the text is in a language outside the community's `language.supported`, so the rules could not read it; the community's `language.unsupported` decided what it got.",
    }),
    superseded_by: z.string().nullable().meta({
      description:
        "The ruling that replaced this one (a review, an appeal or an edit of the content); null while it stands.",
    }),
    created_at: z.string(),
    appeal_until: z.string(),
    links: z.object({ self: z.string(), norms: z.string() }),
  })
  .meta({ id: "Ruling" });
export type Ruling = z.infer<typeof rulingSchema>;

/**
 * The answer a platform acts on, for `Prefer: return=minimal`: the decision, each engaged norm as `id@version`
 * with its outcome and action, the appeal deadline and the links. Facts, evidence and trace are one GET away.
 */
export const rulingSummarySchema = z
  .object({
    id: z.string(),
    decision: z.enum(DECISIONS),
    norms: z.array(
      z.object({
        norm: z.string().meta({ description: "The norm as id@version.", example: "harassment@1" }),
        outcome: z.enum(RULING_OUTCOMES),
        action: actionSchema,
      }),
    ),
    appeal_until: z.string(),
    links: z.object({ self: z.string(), norms: z.string() }),
  })
  .meta({ id: "RulingSummary" });
export type RulingSummary = z.infer<typeof rulingSummarySchema>;
