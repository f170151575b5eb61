import PERSON_NOUNS from "./generated/person-nouns.json" with { type: "json" };

/** Lemmas of nouns that usually name a person (WordNet's noun.person; see generated/encode.ts). */
const NOUNS: ReadonlySet<string> = new Set(PERSON_NOUNS as string[]);

export const isPersonNoun = (lemma: string): boolean => NOUNS.has(lemma.toLowerCase());
