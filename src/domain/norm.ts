import { z } from "zod";
import { conditionTreeSchema } from "./conditions.js";
import { DSA_CATEGORIES } from "./dsa.js";
import { actionSchema, normOutcomeSchema, severitySchema } from "./outcome.js";
import { authorSchema, contextSchema } from "./request.js";
import { normScoresSchema } from "./score-vocabulary.js";
import { slugSchema } from "./slug.js";

export const normExceptionSchema = z.strictObject({
  id: slugSchema.meta({ description: "The exception's id, unique within the norm; examples and rulings cite it." }),
  description: z
    .string()
    .min(1, "an exception needs a description: reasoning and moderators read it")
    .meta({ description: "When the exception applies, in words: the model and moderators read it." }),
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
  text: z.string().meta({ description: "The content, as a user would post it." }),
  kind: z.string().optional().meta({ description: "Content kind, as a platform would send it (post, comment, …)." }),
  author: authorSchema.optional().meta({ description: "Who wrote it, as a platform would send it." }),
  context: contextSchema.optional().meta({ description: "What it replies to and where it was posted." }),
  expect: normOutcomeSchema.meta({
    description: "The norm's outcome for this text: violated, excepted, needs_judgment or not_engaged.",
  }),
  exception: slugSchema.optional().meta({
    description: "For excepted: the exception that applies; for needs_judgment: a candidate exception.",
  }),
  note: z.string().optional().meta({ description: "Why the example is there; for editors, never evaluated." }),
});
export type NormExample = z.infer<typeof normExampleSchema>;

export const normSchema = z
  .strictObject({
    id: slugSchema.meta({ description: "The norm's id: equals the file name; rulings cite it as id@version." }),
    title: z.string().min(1).meta({ description: "A short name, shown to moderators and in statements of reasons." }),
    statement: z.string().min(1).meta({ description: "What is expected or prohibited." }),
    function: z
      .strictObject({
        protects: z.array(z.string().min(1)).min(1).meta({ description: "The values this norm protects." }),
        purpose: z.string().min(1).meta({ description: "What the norm is for, in one or two sentences." }),
      })
      .meta({ description: "What the norm does for the community: the values it protects and its purpose." }),
    justification: z.array(z.string().min(1)).min(1).meta({ description: "The reasons the norm holds." }),
    links: z
      .strictObject({
        supports: z.array(slugSchema).optional().meta({ description: "Ids of norms this norm helps uphold." }),
        depends_on: z.array(slugSchema).optional().meta({ description: "Ids of norms this norm presupposes." }),
      })
      .optional()
      .meta({ description: "How this norm relates to the pack's other norms." }),
    scope: z
      .strictObject({
        kinds: z.array(z.string()).optional().meta({ description: "Content kinds it applies to; all when absent." }),
        channels: z.array(z.string()).optional().meta({ description: "Channels it applies to; all when absent." }),
        exempt_roles: z.array(z.string()).optional().meta({ description: "Author roles it does not apply to." }),
      })
      .optional()
      .meta({ description: "Where the norm applies; everywhere when absent." }),
    triggers: conditionTreeSchema.meta({ description: "When content engages the norm." }),
    exceptions: z.array(normExceptionSchema).default([]).meta({
      description: "Cases where engaged content does not violate the norm (counter-speech, reclamation, …).",
    }),
    action: actionSchema.meta({ description: "What the platform should do with violating content." }),
    severity: severitySchema.meta({ description: "How serious a violation is; orders norms when several apply." }),
    examples: z.array(normExampleSchema).default([]).meta({
      description: "Labelled texts: the norm's own tests, run by `mores norms test` and by every proposal.",
    }),
    scores: normScoresSchema.optional(),
    reporting: z
      .strictObject({
        dsa_category: z.enum(DSA_CATEGORIES).optional().meta({
          description: "The DSA Transparency Database category of content this norm restricts.",
        }),
      })
      .optional()
      .meta({ description: "What transparency reports need to know about the norm." }),
    provenance: z
      .strictObject({
        authored_by: z.string().optional().meta({ description: "Who wrote the norm." }),
        process: z.string().optional().meta({ description: "How it was adopted (vote, council, moderators, …)." }),
        adopted_at: z.string().optional().meta({ description: "When it was adopted, as a date." }),
        sources: z.array(z.string()).optional().meta({ description: "Documents or discussions it comes from." }),
      })
      .optional()
      .meta({ description: "Where the norm comes from: authors, process, date and sources." }),
  })
  .meta({ id: "Norm", title: "mores norm" });
export type Norm = z.infer<typeof normSchema>;
