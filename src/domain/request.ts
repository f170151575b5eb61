import { z } from "zod";

/** What a platform tells mores about the person who wrote the content. */
export const authorSchema = z.strictObject({
  id: z.string().max(256).optional().meta({ description: "The platform's id for the author." }),
  groups: z
    .array(z.string().max(64))
    .max(32)
    .optional()
    .meta({ description: "Self-identified groups, as plain words (gay, black, trans, disabled, jewish, …)." }),
  role: z
    .string()
    .max(64)
    .optional()
    .meta({ description: "The author's role on the platform (a norm's scope can exempt roles)." }),
});
export type Author = z.infer<typeof authorSchema>;

export const contextSchema = z.strictObject({
  parent: z
    .strictObject({
      text: z.string().max(65536).meta({ description: "Text of the message replied to." }),
      author: authorSchema.optional().meta({ description: "Who wrote the message replied to." }),
    })
    .optional()
    .meta({ description: "The message this content replies to." }),
  channel: z.string().max(128).optional().meta({ description: "Where the content was posted." }),
});

/**
 * Scores from classifiers the platform already runs, by name (0–1). Norm
 * conditions read each as the number fact `signals.<name>`; an absent signal
 * is an absent fact, so no condition on it holds.
 */
export const signalsSchema = z
  .record(
    z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,47}$/, "a signal name is lowercase letters, digits and _, starting with a letter"),
    z.number().min(0).max(1),
  )
  .refine((s) => Object.keys(s).length <= 32, "at most 32 signals")
  .meta({ description: "External classifier scores (0–1) by name; norms read them as facts `signals.<name>`." });

/** One piece of content to evaluate: the request body of the moderate endpoint. */
export const evaluationRequestSchema = z
  .strictObject({
    content: z.strictObject({
      id: z.string().max(256).optional(),
      text: z.string().max(65536),
      kind: z.string().max(64).optional(),
    }),
    author: authorSchema.optional(),
    context: contextSchema.optional(),
    signals: signalsSchema.optional(),
  })
  .meta({ id: "EvaluationRequest" });
export type EvaluationRequest = z.infer<typeof evaluationRequestSchema>;
