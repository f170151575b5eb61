import { z } from "zod";
import type { IdentityGroup, LexiconTerm, Pattern } from "./lexicon.js";
import type { Norm } from "./norm.js";
import { slugSchema } from "./slug.js";

/** `pack.yaml`: what the pack is. Norms, lexicons, groups and patterns sit beside it. */
export const packManifestSchema = z
  .strictObject({
    id: slugSchema,
    title: z.string().min(1),
    description: z.string().optional(),
    language: z.string().default("en"),
  })
  .meta({ id: "PackManifest", title: "mores norm pack" });
export type PackManifest = z.infer<typeof packManifestSchema>;

export type Lexicon = { name: string; description: string; language: string; terms: LexiconTerm[] };

/** A validated pack: everything a norm set needs, with defaults applied. */
export type NormPack = {
  manifest: PackManifest;
  norms: Norm[];
  lexicons: Lexicon[];
  groups: IdentityGroup[];
  patterns: Pattern[];
};
