import { fold } from "../facts/fold.js";
import type { PackError } from "./pack-error.js";
import type { YamlFile } from "./yaml-file.js";

type RawTerm = string | { term: string; category?: string; group?: string; variants?: string[] };

/** Spellings that fold alike (case, accents, look-alikes, spacing) are one spelling to the matcher. */
const folded = (spelling: string) => fold(spelling).text.trim().replace(/\s+/g, " ");

/**
 * A spelling (term or variant) listed twice in one lexicon with the same
 * category and group is an editing slip: it matches twice and counts once,
 * and the copies drift apart when one is edited. The same spelling under
 * another category or group is a second meaning, on purpose ("shouldnt" is
 * both a negation and a prescriptive cue), and stays allowed. Each repeat is
 * reported at its own line, naming the first.
 */
export function duplicateTerms(
  terms: readonly unknown[],
  defaultCategory: string | undefined,
  file: YamlFile,
): PackError[] {
  const first = new Map<string, { spelling: string; line: number | undefined }>();
  const errors: PackError[] = [];
  (terms as RawTerm[]).forEach((t, i) => {
    const entry: Exclude<RawTerm, string> = typeof t === "string" ? { term: t } : t;
    const meaning = `${entry.category ?? defaultCategory ?? ""}/${entry.group ?? ""}`;
    const spellings: Array<[string, Array<string | number>, string]> = [
      [entry.term, typeof t === "string" ? ["terms", i] : ["terms", i, "term"], "term"],
      ...(entry.variants ?? []).map((v, k): [string, Array<string | number>, string] => [
        v,
        ["terms", i, "variants", k],
        "variant",
      ]),
    ];
    for (const [spelling, path, kind] of spellings) {
      const k = `${meaning}/${folded(spelling)}`;
      const seen = first.get(k);
      if (seen) {
        const where = seen.line ? ` on line ${seen.line}` : "";
        errors.push(file.error(path, `duplicate ${kind} "${spelling}": "${seen.spelling}"${where} is the same entry`));
      } else first.set(k, { spelling, line: file.lineOf(path) });
    }
  });
  return errors;
}
