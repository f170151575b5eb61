import { z } from "zod";

/**
 * A statement of reasons in the shape the EU DSA Transparency Database API
 * takes (Art. 17 and 24(5) DSA): field names and enumerations as its API
 * documents them. Generated into norms/schema/dsa-statement-of-reasons.schema.json.
 */
export const DSA_CATEGORIES = [
  "STATEMENT_CATEGORY_ANIMAL_WELFARE",
  "STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS",
  "STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH",
  "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS",
  "STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS",
  "STATEMENT_CATEGORY_NON_CONSENSUAL_BEHAVIOUR",
  "STATEMENT_CATEGORY_PORNOGRAPHY_OR_SEXUALIZED_CONTENT",
  "STATEMENT_CATEGORY_PROTECTION_OF_MINORS",
  "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY",
  "STATEMENT_CATEGORY_SCAMS_AND_FRAUD",
  "STATEMENT_CATEGORY_SELF_HARM",
  "STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE",
  "STATEMENT_CATEGORY_UNSAFE_AND_ILLEGAL_PRODUCTS",
  "STATEMENT_CATEGORY_VIOLENCE",
] as const;

export const dsaStatementSchema = z
  .strictObject({
    decision_visibility: z
      .array(
        z.enum([
          "DECISION_VISIBILITY_CONTENT_REMOVED",
          "DECISION_VISIBILITY_CONTENT_DISABLED",
          "DECISION_VISIBILITY_CONTENT_DEMOTED",
          "DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED",
          "DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED",
          "DECISION_VISIBILITY_CONTENT_LABELLED",
          "DECISION_VISIBILITY_OTHER",
        ]),
      )
      .min(1),
    decision_visibility_other: z.string().max(500).optional(),
    decision_ground: z.enum(["DECISION_GROUND_ILLEGAL_CONTENT", "DECISION_GROUND_INCOMPATIBLE_CONTENT"]),
    incompatible_content_ground: z.string().min(1).max(500),
    incompatible_content_explanation: z.string().min(1).max(2000),
    incompatible_content_illegal: z.enum(["Yes", "No"]),
    content_type: z
      .array(
        z.enum([
          "CONTENT_TYPE_TEXT",
          "CONTENT_TYPE_IMAGE",
          "CONTENT_TYPE_VIDEO",
          "CONTENT_TYPE_AUDIO",
          "CONTENT_TYPE_SYNTHETIC_MEDIA",
          "CONTENT_TYPE_PRODUCT",
          "CONTENT_TYPE_APP",
          "CONTENT_TYPE_OTHER",
        ]),
      )
      .min(1),
    category: z.enum(DSA_CATEGORIES),
    decision_facts: z.string().min(1).max(5000),
    automated_detection: z.enum(["Yes", "No"]),
    automated_decision: z.enum([
      "AUTOMATED_DECISION_FULLY",
      "AUTOMATED_DECISION_PARTIALLY",
      "AUTOMATED_DECISION_NOT_AUTOMATED",
    ]),
    source_type: z.enum([
      "SOURCE_ARTICLE_16",
      "SOURCE_TRUSTED_FLAGGER",
      "SOURCE_TYPE_OTHER_NOTIFICATION",
      "SOURCE_VOLUNTARY",
    ]),
    content_date: z.iso.date(),
    application_date: z.iso.date(),
    puid: z.string().min(1).max(500),
  })
  .meta({ id: "DsaStatementOfReasons", title: "DSA Transparency Database statement of reasons" });
export type DsaStatement = z.infer<typeof dsaStatementSchema>;
