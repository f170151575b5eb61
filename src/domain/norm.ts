import { z } from "zod";
import { conditionTreeSchema } from "./conditions.js";
import { DSA_CATEGORIES } from "./dsa.js";
import { actionSchema, normOutcomeSchema, severitySchema } from "./outcome.js";
import { authorSchema, contextSchema } from "./request.js";
import { slugSchema } from "./slug.js";

export const normExceptionSchema = z.strictObject({
  id: slugSchema,
  description: z.string().min(1, "an exception needs a description: reasoning and moderators read it"),
  evidence: conditionTreeSchema.optional().meta({
    description: "Condition tree over facts that makes the exception plausible. Without it, it is always a candidate.",
  }),
  requires_judgment: z.boolean().default(true).meta({
    description: "Whether context must confirm the exception (a model or a moderator) before it applies.",
  }),
});
export type NormException = z.infer<typeof normExceptionSchema>;

/** A labelled case: the norm's own test suite. */
export const normExampleSchema = z.strictObject({
  text: z.string(),
  kind: z.string().optional(),
  author: authorSchema.optional(),
  context: contextSchema.optional(),
  expect: normOutcomeSchema,
  exception: slugSchema.optional().meta({
    description: "For excepted: the exception that applies; for needs_judgment: a candidate exception.",
  }),
  note: z.string().optional(),
});
export type NormExample = z.infer<typeof normExampleSchema>;

export const normSchema = z
  .strictObject({
    id: slugSchema,
    title: z.string().min(1),
    statement: z.string().min(1).meta({ description: "What is expected or prohibited." }),
    function: z.strictObject({
      protects: z.array(z.string().min(1)).min(1).meta({ description: "The values this norm protects." }),
      purpose: z.string().min(1),
    }),
    justification: z.array(z.string().min(1)).min(1).meta({ description: "The reasons the norm holds." }),
    links: z
      .strictObject({ supports: z.array(slugSchema).optional(), depends_on: z.array(slugSchema).optional() })
      .optional(),
    scope: z
      .strictObject({
        kinds: z.array(z.string()).optional().meta({ description: "Content kinds it applies to; all when absent." }),
        channels: z.array(z.string()).optional(),
        exempt_roles: z.array(z.string()).optional().meta({ description: "Author roles it does not apply to." }),
      })
      .optional(),
    triggers: conditionTreeSchema.meta({ description: "When content engages the norm." }),
    exceptions: z.array(normExceptionSchema).default([]),
    action: actionSchema,
    severity: severitySchema,
    examples: z.array(normExampleSchema).default([]),
    reporting: z
      .strictObject({
        dsa_category: z.enum(DSA_CATEGORIES).optional().meta({
          description: "The DSA Transparency Database category of content this norm restricts.",
        }),
      })
      .optional(),
    provenance: z
      .strictObject({
        authored_by: z.string().optional(),
        process: z.string().optional(),
        adopted_at: z.string().optional(),
        sources: z.array(z.string()).optional(),
      })
      .optional(),
  })
  .meta({ id: "Norm", title: "mores norm" });
export type Norm = z.infer<typeof normSchema>;
