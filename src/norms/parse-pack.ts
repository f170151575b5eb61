import {
  groupsFileSchema,
  type IdentityGroup,
  type Lexicon,
  type LexiconTerm,
  lexiconSchema,
  type Norm,
  type NormPack,
  normSchema,
  type Pattern,
  packManifestSchema,
  patternsFileSchema,
} from "../domain/index.js";
import { checkPack } from "./check-pack.js";
import type { PackError } from "./pack-error.js";
import { type ParsedFile, YamlFile } from "./yaml-file.js";

/** A pack's files by path relative to the pack folder: "pack.yaml", "norms/slurs.yaml", … */
export type PackFiles = Record<string, string>;

const stem = (path: string) => path.replace(/^.*\//, "").replace(/\.ya?ml$/, "");
const isYaml = (path: string) => /\.ya?ml$/.test(path);

function lexiconTerms(lexicon: ParsedFile<ReturnType<typeof lexiconSchema.parse>>, errors: PackError[]): LexiconTerm[] {
  const { value: lx, file } = lexicon;
  return lx.terms.flatMap((t, i) => {
    const entry = typeof t === "string" ? { term: t } : t;
    const category = entry.category ?? lx.category;
    if (!category) {
      errors.push(file.error(["terms", i], `term "${entry.term}" has no category and the lexicon sets no default`));
      return [];
    }
    return [
      {
        lexicon: lx.name,
        term: entry.term,
        category,
        ...(entry.group ? { group: entry.group } : {}),
        variants: entry.variants ?? [],
        homonym: entry.homonym ?? false,
        ...(entry.innocent_pos ? { innocentPos: entry.innocent_pos } : {}),
      },
    ];
  });
}

/**
 * Parses and validates a whole pack from its files. Pure (no file system),
 * so the CLI, the API's proposals and the Workers runtime all load packs the
 * same way. Either a pack comes back, or every problem found, each located.
 */
export function parsePack(files: PackFiles, label: string): { pack?: NormPack; errors: PackError[] } {
  const errors: PackError[] = [];
  const open = (path: string) => new YamlFile(`${label}/${path}`, files[path] as string);
  const parse = <T>(path: string, schema: Parameters<YamlFile["parse"]>[0]) => {
    const file = open(path);
    const r = file.parse(schema);
    errors.push(...r.errors);
    return r.value === undefined ? undefined : { file, value: r.value as T };
  };

  if (files["pack.yaml"] === undefined)
    errors.push({ file: `${label}/pack.yaml`, path: "", message: "missing: every pack has a pack.yaml" });
  const manifest =
    files["pack.yaml"] === undefined ? undefined : parse<NormPack["manifest"]>("pack.yaml", packManifestSchema);
  const groups =
    files["groups.yaml"] === undefined
      ? undefined
      : parse<{ groups: IdentityGroup[] }>("groups.yaml", groupsFileSchema);
  const patterns =
    files["patterns.yaml"] === undefined
      ? undefined
      : parse<{ patterns: Pattern[] }>("patterns.yaml", patternsFileSchema);

  const paths = Object.keys(files).sort();
  const lexicons = paths
    .filter((p) => p.startsWith("lexicons/") && isYaml(p))
    .map((p) => parse<ReturnType<typeof lexiconSchema.parse>>(p, lexiconSchema))
    .filter((x) => x !== undefined);
  const norms = paths
    .filter((p) => p.startsWith("norms/") && isYaml(p))
    .map((p) => parse<Norm>(p, normSchema))
    .filter((x) => x !== undefined);

  for (const l of lexicons) {
    if (l.value.name !== stem(l.file.file))
      errors.push(l.file.error(["name"], `must equal the file name "${stem(l.file.file)}"`));
  }
  for (const n of norms) {
    if (n.value.id !== stem(n.file.file))
      errors.push(n.file.error(["id"], `must equal the file name "${stem(n.file.file)}"`));
  }
  const builtLexicons: Lexicon[] = lexicons.map((l) => ({
    name: l.value.name,
    description: l.value.description,
    language: l.value.language,
    terms: lexiconTerms(l, errors),
  }));
  if (errors.length > 0 || !manifest) return { errors };

  const pack: NormPack = {
    manifest: manifest.value,
    norms: norms.map((n) => n.value),
    lexicons: builtLexicons,
    groups: groups?.value.groups ?? [],
    patterns: patterns?.value.patterns ?? [],
  };
  const located = { norms, lexicons, groups, patterns, label };
  const problems = checkPack(pack, located);
  return problems.length > 0 ? { errors: problems } : { pack, errors: [] };
}
