import type { Clause } from "./clauses.js";
import type { Mention } from "./findings.js";
import { namesPeople } from "./identity-words.js";
import type { Word } from "./nlp.js";
import { isNegator } from "./valence.js";

/** Verbs of regard for others, whose denial shuts people out: "nobody wants X", "I don't trust X". */
const REGARD = new Set(["want", "trust", "like", "welcome", "tolerate", "accept", "need", "respect"]);
const BETWEEN = new Set(["DET", "ADJ", "ADV", "NUM"]);

/**
 * "nobody wants X in this street", "we don't trust X", "no one likes X": regard for a group denied, with the
 * group as the verb's direct object. It may shut the group out or lament how it is treated ("nobody respects
 * nurses"), so the caller leaves it unsettled, for judgment. Not when the group is the subject of what follows
 * ("I don't want X to suffer"): then the wish is about something else.
 */
export function refusesGroup(words: readonly Word[], clause: Clause, mentions: readonly Mention[]): boolean {
  return mentions.some((g) => {
    if (g.member || g.first <= clause.from) return false;
    let i = g.first - 1;
    while (i > clause.from && BETWEEN.has((words[i] as Word).pos)) i--;
    const verb = words[i] as Word;
    if (!REGARD.has(verb.lemma) || verb.pos === "NOUN") return false;
    // "… X to suffer": the wish is about what follows; "… X food": the group word modifies a thing.
    const next = words[g.last + 1];
    if (next?.lower === "to" || (next?.pos === "NOUN" && !namesPeople(next))) return false;
    return words.slice(clause.from, i).some(isNegator);
  });
}
