import { z } from "zod";
import { slugSchema } from "./slug.js";

const termObjectSchema = z.strictObject({
  term: z.string().min(1),
  category: slugSchema.optional().meta({ description: "Overrides the lexicon's default category." }),
  group: slugSchema.optional().meta({
    description: "Identity group the term targets (slurs) or names (identity terms); an id from groups.yaml.",
  }),
  variants: z.array(z.string().min(1)).optional().meta({
    description: "Spellings normalisation cannot derive (case, leetspeak, homoglyphs, repeats and -s are automatic).",
  }),
  homonym: z.boolean().optional().meta({
    description: "The word has common innocent senses; it only counts when aimed at people.",
  }),
  innocent_pos: z.enum(["verb", "adjective"]).optional().meta({
    description:
      "For a homonym whose innocent senses are all of this part of speech (to cripple, illegal): used as a noun, the term names people.",
  }),
  note: z.string().optional(),
});

export const lexiconSchema = z
  .strictObject({
    name: slugSchema,
    description: z.string().min(1),
    language: z.string().default("en"),
    category: slugSchema.optional().meta({ description: "Default category of the terms." }),
    terms: z.array(z.union([z.string().min(1), termObjectSchema])).min(1),
  })
  .meta({ id: "Lexicon", title: "mores lexicon" });
export type LexiconFile = z.infer<typeof lexiconSchema>;

/** A term after loading: defaults applied, ready for the matcher. */
export type LexiconTerm = {
  lexicon: string;
  term: string;
  category: string;
  group?: string;
  variants: string[];
  homonym: boolean;
  /** The part of speech of every innocent sense, when it is not a noun (see the schema). */
  innocentPos?: "verb" | "adjective";
};

export const identityGroupSchema = z.strictObject({
  id: slugSchema,
  name: z.string().optional(),
  aliases: z.array(z.string().min(1)).default([]),
  parent: slugSchema.optional().meta({ description: "Umbrella group, e.g. gay → lgbtq." }),
});
export type IdentityGroup = z.infer<typeof identityGroupSchema>;

export const groupsFileSchema = z
  .strictObject({ groups: z.array(identityGroupSchema).min(1) })
  .meta({ id: "Groups", title: "mores identity groups" });

export const patternSchema = z.strictObject({
  id: slugSchema,
  description: z.string().min(1),
  regex: z.string().min(1).meta({
    description:
      "Regular expression over the normalised text, in the syntax JavaScript and RE2 share (no lookaround, no backreferences): patterns run in linear time.",
  }),
  flags: z
    .string()
    .regex(/^[imsu]*$/)
    .optional(),
});
export type Pattern = z.infer<typeof patternSchema>;

export const patternsFileSchema = z
  .strictObject({ patterns: z.array(patternSchema) })
  .meta({ id: "Patterns", title: "mores patterns" });
