import { CATEGORY } from "../../domain/facts.js";

/** A group named in a clause: by an identity term, a slur, or a pronoun that refers back to one. */
export type Mention = {
  group: string;
  first: number;
  last: number;
  /** "he", "she", "it" for one member of a group named before: what is said may be about the person, not the group. */
  member?: true;
};

/**
 * What a clause says about a group it names.
 *   hostile    settled: the predicate is hostile and is about the group
 *   benign     settled: negated hostility, the group as victim, or the group as the one who feels it
 *   unsettled  a hostile word and the group share the clause, but its structure does not say how
 */
export type Finding = {
  group: string;
  verdict: "hostile" | "benign" | "unsettled";
  kind: "contempt" | "dehumanising" | "insult" | "harm" | "negated-value";
  /** Word ranges of the group mention and of the predicate. */
  mention: [number, number];
  predicate: [number, number];
};

export const KIND: Record<string, Finding["kind"]> = {
  [CATEGORY.contempt]: "contempt",
  [CATEGORY.hostility]: "contempt",
  [CATEGORY.dehumanising]: "dehumanising",
  [CATEGORY.insult]: "insult",
  [CATEGORY.profanity]: "insult",
  [CATEGORY.violence]: "harm",
  [CATEGORY.exclusion]: "harm",
  [CATEGORY.positiveValue]: "negated-value",
};
/** Verbs that link a subject to what is said of it ("X are vermin", "X seem dangerous"). */
export const COPULAS = new Set(["be", "become", "seem", "remain", "look", "act", "stay", "get"]);
