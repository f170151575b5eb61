import { z } from "zod";

/**
 * The score vocabularies of the two moderation APIs mores stands in for
 * (src/shims): Perspective's attribute names and OpenAI's moderation
 * categories. They are wire-format words, so they live here as a closed list;
 * which norm informs which of them is data in each norm (`scores`).
 */

/** Attributes every community answers, 0 when no norm of its pack informs them. */
export const PERSPECTIVE_CORE = [
  "TOXICITY",
  "SEVERE_TOXICITY",
  "IDENTITY_ATTACK",
  "INSULT",
  "PROFANITY",
  "THREAT",
  "SEXUALLY_EXPLICIT",
] as const;

/** The rest of Perspective's list: answered only where a norm of the pack informs them. */
export const PERSPECTIVE_OTHER = [
  "FLIRTATION",
  "TOXICITY_EXPERIMENTAL",
  "SEVERE_TOXICITY_EXPERIMENTAL",
  "IDENTITY_ATTACK_EXPERIMENTAL",
  "INSULT_EXPERIMENTAL",
  "PROFANITY_EXPERIMENTAL",
  "THREAT_EXPERIMENTAL",
  "ATTACK_ON_AUTHOR",
  "ATTACK_ON_COMMENTER",
  "INCOHERENT",
  "INFLAMMATORY",
  "LIKELY_TO_REJECT",
  "OBSCENE",
  "SPAM",
  "UNSUBSTANTIAL",
] as const;

export const PERSPECTIVE_ATTRIBUTES = [...PERSPECTIVE_CORE, ...PERSPECTIVE_OTHER] as const;
export type PerspectiveAttribute = (typeof PERSPECTIVE_ATTRIBUTES)[number];

/** OpenAI's moderation categories: every answer carries all 13. */
export const OPENAI_CATEGORIES = [
  "harassment",
  "harassment/threatening",
  "hate",
  "hate/threatening",
  "illicit",
  "illicit/violent",
  "self-harm",
  "self-harm/intent",
  "self-harm/instructions",
  "sexual",
  "sexual/minors",
  "violence",
  "violence/graphic",
] as const;
export type OpenAICategory = (typeof OPENAI_CATEGORIES)[number];

/** What a norm declares about the scores it informs. */
export const normScoresSchema = z
  .strictObject({
    perspective: z
      .array(z.enum(PERSPECTIVE_ATTRIBUTES))
      .optional()
      .meta({ description: "Perspective attributes this norm's outcome scores (comments:analyze)." }),
    openai: z
      .array(z.enum(OPENAI_CATEGORIES))
      .optional()
      .meta({ description: "OpenAI moderation categories this norm's outcome scores (/v1/moderations)." }),
    evidence: z.array(z.string().min(1)).optional().meta({
      description:
        "Lexicon categories whose matches are this norm's span evidence (Perspective spanScores); all flagged matches when absent.",
    }),
  })
  .meta({ description: "Which compatibility scores the norm informs; see README 'Scores are not probabilities'." });
export type NormScores = z.infer<typeof normScoresSchema>;
