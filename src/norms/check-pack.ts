import type { IdentityGroup, Norm, NormPack, Pattern } from "../domain/index.js";
import { patternProblem } from "../facts/pattern-set.js";
import { type PackNames, validateConditions } from "../rules/validate-conditions.js";
import { duplicateTerms } from "./check-lexicon-terms.js";
import type { PackError } from "./pack-error.js";
import type { ParsedFile, YamlFile } from "./yaml-file.js";

type Located = {
  label: string;
  norms: ParsedFile<Norm>[];
  lexicons: ParsedFile<{ name: string; category?: string; terms: unknown[] }>[];
  groups?: ParsedFile<{ groups: IdentityGroup[] }>;
  patterns?: ParsedFile<{ patterns: Pattern[] }>;
};

/** Reports every id that appears twice, at its second occurrence. */
function duplicates<T>(
  items: readonly T[],
  id: (t: T) => string,
  report: (t: T, i: number, id: string) => PackError,
): PackError[] {
  const seen = new Set<string>();
  return items.flatMap((t, i) => {
    const k = id(t);
    if (seen.has(k)) return [report(t, i, k)];
    seen.add(k);
    return [];
  });
}

function checkGroups(groups: readonly IdentityGroup[], file: YamlFile | undefined): PackError[] {
  if (!file) return [];
  const ids = new Set(groups.map((g) => g.id));
  const errors = duplicates(
    groups,
    (g) => g.id,
    (_g, i, id) => file.error(["groups", i, "id"], `duplicate group id "${id}"`),
  );
  const claimed = new Map<string, string>();
  groups.forEach((g, i) => {
    if (g.parent && !ids.has(g.parent)) errors.push(file.error(["groups", i, "parent"], `unknown group "${g.parent}"`));
    for (let seen = [g.id], p = g.parent; p; p = groups.find((x) => x.id === p)?.parent) {
      if (seen.includes(p)) {
        errors.push(file.error(["groups", i, "parent"], `umbrella groups form a cycle: ${[...seen, p].join(" → ")}`));
        break;
      }
      seen = [...seen, p];
    }
    g.aliases.forEach((a, k) => {
      const word = a.toLowerCase();
      const owner = claimed.get(word) ?? (ids.has(word) && word !== g.id ? word : undefined);
      if (owner && owner !== g.id)
        errors.push(file.error(["groups", i, "aliases", k], `alias "${a}" already names group "${owner}"`));
      else claimed.set(word, g.id);
    });
  });
  return errors;
}

function checkPatterns(patterns: readonly Pattern[], file: YamlFile | undefined): PackError[] {
  if (!file) return [];
  const errors = duplicates(
    patterns,
    (p) => p.id,
    (_p, i, id) => file.error(["patterns", i, "id"], `duplicate pattern id "${id}"`),
  );
  patterns.forEach((p, i) => {
    const problem = patternProblem(p.regex, p.flags);
    if (problem) errors.push(file.error(["patterns", i, "regex"], problem));
  });
  return errors;
}

function checkNorm(norm: Norm, file: YamlFile, names: PackNames, normIds: ReadonlySet<string>): PackError[] {
  const at = (path: Array<string | number>, message: string) => file.error(path, message);
  const errors: PackError[] = duplicates(
    norm.exceptions,
    (e) => e.id,
    (_e, i, id) => at(["exceptions", i, "id"], `duplicate exception id "${id}"`),
  );
  const fromConditions = (tree: Norm["triggers"], base: Array<string | number>) =>
    validateConditions(tree, "", names).map((p) => {
      const path = [
        ...base,
        ...p.path
          .split(/\.|\[|\]/)
          .filter(Boolean)
          .map((s) => (/^\d+$/.test(s) ? Number(s) : s)),
      ];
      return at(path, p.message);
    });
  errors.push(...fromConditions(norm.triggers, ["triggers"]));
  norm.exceptions.forEach((e, i) => {
    if (e.evidence) errors.push(...fromConditions(e.evidence, ["exceptions", i, "evidence"]));
    else if (!e.requires_judgment)
      errors.push(
        at(["exceptions", i], "an exception that needs no judgment must have evidence, or it would excuse everything"),
      );
  });
  const exceptionIds = new Set(norm.exceptions.map((e) => e.id));
  norm.examples.forEach((ex, i) => {
    if (ex.exception && !exceptionIds.has(ex.exception))
      errors.push(at(["examples", i, "exception"], `norm "${norm.id}" has no exception "${ex.exception}"`));
    if ((ex.expect === "excepted" || ex.expect === "needs_judgment") && !ex.exception)
      errors.push(at(["examples", i], `an example expecting ${ex.expect} must name the exception`));
  });
  for (const key of ["supports", "depends_on"] as const) {
    (norm.links?.[key] ?? []).forEach((id, i) => {
      if (!normIds.has(id)) errors.push(at(["links", key, i], `unknown norm "${id}"`));
    });
  }
  return errors;
}

/** Cross-file checks: ids unique, every reference resolves, every condition names real facts and values. */
export function checkPack(pack: NormPack, located: Located): PackError[] {
  const groupIds = new Set(pack.groups.map((g) => g.id));
  const names: PackNames = {
    lexicon: new Set(pack.lexicons.map((l) => l.name)),
    category: new Set(pack.lexicons.flatMap((l) => l.terms.map((t) => t.category))),
    pattern: new Set(pack.patterns.map((p) => p.id)),
    group: groupIds,
    term: new Set(pack.lexicons.flatMap((l) => l.terms.map((t) => t.term))),
  };
  const errors = [
    ...checkGroups(pack.groups, located.groups?.file),
    ...checkPatterns(pack.patterns, located.patterns?.file),
    ...duplicates(
      located.lexicons,
      (l) => l.value.name,
      (l, _i, id) => l.file.error(["name"], `duplicate lexicon "${id}"`),
    ),
    ...located.lexicons.flatMap((l) => duplicateTerms(l.value.terms, l.value.category, l.file)),
    ...duplicates(
      located.norms,
      (n) => n.value.id,
      (n, _i, id) => n.file.error(["id"], `duplicate norm id "${id}"`),
    ),
  ];
  for (const [k, lexicon] of pack.lexicons.entries()) {
    const file = located.lexicons[k]?.file;
    lexicon.terms.forEach((t) => {
      if (t.group && !groupIds.has(t.group) && file) {
        const i = (located.lexicons[k]?.value.terms ?? []).findIndex(
          (x) => typeof x === "object" && (x as { term: string }).term === t.term,
        );
        errors.push(
          file.error(["terms", Math.max(i, 0), "group"], `unknown group "${t.group}" (define it in groups.yaml)`),
        );
      }
    });
  }
  const normIds = new Set(pack.norms.map((n) => n.id));
  for (const n of located.norms) errors.push(...checkNorm(n.value, n.file, names, normIds));
  return errors;
}
