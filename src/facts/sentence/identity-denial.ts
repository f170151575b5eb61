import type { Clause } from "./clauses.js";
import { COPULAS, type Finding, type Mention } from "./findings.js";
import type { Word } from "./nlp.js";
import type { ParsedSentence } from "./units.js";

const NEGATORS = new Set(["not", "n't", "never", "no"]);
/** What may stand between the negation and the denied noun ("not real X", "never proper X"). */
const MODIFIERS = new Set(["DET", "ADJ", "ADV"]);

/**
 * "trans women are not women", "gay men aren't men": a group denied what its own name says it is. The
 * predicate is the head noun of the group's own name, after a copula and a negation, so the clause says the
 * members are not what they are; "women are not men" denies nothing of the kind and is left alone.
 */
export function deniesOwnName(s: ParsedSentence, clause: Clause, mentions: readonly Mention[]): Finding[] {
  const { words } = s;
  const out: Finding[] = [];
  for (const g of mentions) {
    const head = (words[g.last] as Word).lemma;
    let i = g.last + 1;
    if (!(words[i]?.pos === "AUX" && COPULAS.has((words[i] as Word).lemma))) continue;
    i++;
    if (!NEGATORS.has(words[i]?.lower ?? "")) continue;
    i++;
    while (i <= clause.to && MODIFIERS.has((words[i] as Word).pos)) i++;
    const denied = words[i];
    if (i > clause.to || denied === undefined || denied.lemma !== head) continue;
    // "… not women's enemies", "… not women voters": the noun heads nothing further.
    const next = words[i + 1];
    if (next !== undefined && (next.pos === "NOUN" || next.pos === "PART")) continue;
    out.push({
      group: g.group,
      verdict: "hostile",
      kind: "negated-value",
      mention: [g.first, g.last],
      predicate: [i, i],
    });
  }
  return out;
}
