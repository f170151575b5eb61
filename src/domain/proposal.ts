import { z } from "zod";
import { slugSchema } from "./slug.js";

/** A norm or lexicon as an object (JSON) or as the text of its YAML (or JSON) file. */
const itemSource = z.union([z.string().min(1).max(4_000_000), z.record(z.string(), z.unknown())]);

/**
 * What an editor proposes: one norm (added or replaced), one lexicon, the
 * removal of a norm, or a whole pack as its files. Every kind becomes a whole
 * proposed pack, validated and tested the same way.
 */
export const proposalChangeSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("norm"), norm: itemSource }),
  z.strictObject({ kind: z.literal("lexicon"), lexicon: itemSource }),
  z.strictObject({ kind: z.literal("remove_norm"), id: slugSchema }),
  z.strictObject({
    kind: z.literal("pack"),
    files: z
      .record(z.string().regex(/^[a-z0-9][a-z0-9._/-]*\.ya?ml$/, "a relative .yaml path"), z.string().max(4_000_000))
      .meta({
        description:
          "The pack's files by path (pack.yaml, norms/<id>.yaml, lexicons/<name>.yaml, …), YAML or JSON text.",
      }),
  }),
]);
export type ProposalChange = z.infer<typeof proposalChangeSchema>;

export const proposalInputSchema = z
  .strictObject({
    title: z.string().min(1).max(200),
    description: z.string().max(10_000).optional(),
    change: proposalChangeSchema,
  })
  .meta({ id: "ProposalRequest" });
export type ProposalInput = z.infer<typeof proposalInputSchema>;

export const PROPOSAL_STATUSES = ["open", "adopted", "rejected", "withdrawn"] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
