import type { FactType } from "../domain/facts.js";

/** One layout: the facts of one version of the catalogue, in the order computeFacts builds them, with their types. */
export type FactLayout = ReadonlyArray<readonly [name: string, type: FactType]>;

/**
 * The layouts a stored ruling's facts can name (see stored-facts.ts), by number. Append-only: a ruling names its
 * layout for good, so a released layout never changes. Adding, removing or retyping a fact in FACT_CATALOGUE adds
 * the next layout and moves CURRENT_FACT_LAYOUT to it (test/unit/stored-facts.test.ts fails until then).
 */
export const FACT_LAYOUTS: Readonly<Record<number, FactLayout>> = {
  1: [
    ["text", "string"],
    ["length", "number"],
    ["kind", "string"],
    ["channel", "string"],
    ["lexicons", "string[]"],
    ["categories", "string[]"],
    ["terms", "string[]"],
    ["patterns", "string[]"],
    ["target_groups", "string[]"],
    ["mentioned_groups", "string[]"],
    ["slur_use", "boolean"],
    ["group_derogation", "boolean"],
    ["group_harm_call", "boolean"],
    ["threat", "boolean"],
    ["insult_to_addressee", "boolean"],
    ["self_harm_incitement", "boolean"],
    ["quoted", "boolean"],
    ["reported", "boolean"],
    ["slur_self_applied", "boolean"],
    ["self_reference", "boolean"],
    ["addresses_other", "boolean"],
    ["denounces", "boolean"],
    ["negated", "boolean"],
    ["support", "boolean"],
    ["group_hostility", "string[]"],
    ["hostile_groups", "string[]"],
    ["group_hostility_unsettled", "boolean"],
    ["counter_speech_frame", "boolean"],
    ["reported_frame", "boolean"],
    ["identity_insult", "boolean"],
    ["hostility_in_frame", "boolean"],
    ["slur_affiliative", "boolean"],
    ["slur_sense_unsettled", "boolean"],
    ["affiliative_address", "boolean"],
    ["reclaimed_self_reference", "boolean"],
    ["sentence_parsed", "boolean"],
    ["text_self_identifies", "boolean"],
    ["author_groups", "string[]"],
    ["author_role", "string"],
    ["author_in_target_group", "boolean"],
    ["has_parent", "boolean"],
    ["parent_categories", "string[]"],
    ["parent_abusive", "boolean"],
    ["echoes_parent", "boolean"],
    ["addresses_model", "boolean"],
  ],
};

/** The layout rulings are written with. */
export const CURRENT_FACT_LAYOUT = 1;
