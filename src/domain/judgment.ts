import { z } from "zod";

/** What the model must answer, validated before anything is done with it. */
export const judgmentOutputSchema = z
  .strictObject({
    verdict: z.enum(["violates", "exception_applies", "unclear"]),
    exception: z.string().optional().meta({ description: "The exception that applies (exception_applies)." }),
    rationale: z.string().min(1).max(4000),
    confidence: z.number().min(0).max(1),
    precedents_cited: z.array(z.string()).optional(),
  })
  .meta({ id: "JudgmentOutput" });
export type JudgmentOutput = z.infer<typeof judgmentOutputSchema>;

/** Why a judged norm still needs a person; recorded on the ruling. */
export const JUDGMENT_CAUSES = [
  "no_reasoner",
  "timeout",
  "rate_limited",
  "provider_error",
  "invalid_output",
  "unclear",
  "low_confidence",
  "injection_suspected",
  "exception_unsupported",
  "budget_exhausted",
  "not_recorded",
] as const;
export type JudgmentCause = (typeof JUDGMENT_CAUSES)[number];

/** The reasoning record of one judged norm: which model said what, kept apart from the rule-derived facts. */
export const judgmentRecordSchema = z
  .object({
    provider: z.string(),
    model: z.string(),
    prompt_version: z.string(),
    output: judgmentOutputSchema.optional(),
    cause: z.enum(JUDGMENT_CAUSES).optional(),
    detail: z.string().optional(),
    latency_ms: z.number(),
    usage: z.object({ input_tokens: z.number(), output_tokens: z.number() }).optional(),
    cached: z.boolean(),
  })
  .meta({ id: "Judgment" });
export type JudgmentRecord = z.infer<typeof judgmentRecordSchema>;
