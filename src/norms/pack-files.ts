import { Document, isDocument, isMap, isScalar, isSeq, visit, type YAMLMap, type YAMLSeq } from "yaml";
import {
  groupsFileSchema,
  type IdentityGroup,
  type Lexicon,
  type LexiconFile,
  type Norm,
  type NormPack,
  normSchema,
  packManifestSchema,
  patternsFileSchema,
} from "../domain/index.js";
import type { PackFiles } from "./parse-pack.js";

/** Long strings fold at 120 columns, like the hand-written packs. */
const TO_STRING = { lineWidth: 120 } as const;
/** Longest one-line flow collection; longer ones go to block style rather than a wrapped flow. */
const FLOW_MAX = 100;

/** The schema hint editors use; relative to where the file sits inside its pack folder. */
const header = (path: string, schema: string) =>
  `# yaml-language-server: $schema=${"../".repeat(path.split("/").length)}schema/${schema}.schema.json\n`;

const oneLine = (node: YAMLMap | YAMLSeq) => {
  const doc = new Document(node.toJSON(), { aliasDuplicateObjects: false });
  visit(doc, {
    Collection(_, n) {
      n.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0 }).trimEnd();
};

/**
 * Leaves read best on one line, as editors write them: a list of scalars, a
 * condition `{ fact, operator, value }`, a lexicon term, `author: { groups: [...] }`.
 * Records in a list (norm examples, exceptions, groups, patterns) stay in block style.
 */
function stringify(path: string, schema: string, value: unknown): string {
  // No anchors: a list repeated across a file (the same `value: [...]` twice) must read as itself each time.
  const doc = new Document(value, { aliasDuplicateObjects: false });
  visit(doc, {
    Collection(_, node, ancestors) {
      const parent = ancestors[ancestors.length - 1];
      if (isDocument(parent)) return;
      if (isMap(node) && isSeq(parent) && !node.has("fact") && !node.has("term")) return;
      const values = isMap(node) ? node.items.map((p) => p.value) : node.items;
      const flat = values.every((v) => isScalar(v) || (isSeq(v) && v.items.every(isScalar)));
      const text = flat ? oneLine(node) : "\n";
      if (!text.includes("\n") && text.length <= FLOW_MAX) node.flow = true;
    },
  });
  return header(path, schema) + doc.toString(TO_STRING);
}

/** Omits a list that equals its schema default (`[]`), so files carry only what an editor wrote. */
const nonEmpty = <T>(key: string, list: T[]) => (list.length > 0 ? { [key]: list } : {});

function normFile(norm: Norm): Record<string, unknown> {
  // Walks the norm's own keys so the file keeps the schema's order and reads top-down like the others.
  const file: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(norm)) {
    if ((key === "exceptions" || key === "examples") && Array.isArray(value) && value.length === 0) continue;
    file[key] =
      key === "exceptions"
        ? norm.exceptions.map(({ requires_judgment, ...e }) => (requires_judgment ? e : { ...e, requires_judgment }))
        : value;
  }
  return file;
}

/** The most common category becomes the lexicon default; terms only name theirs when it differs. */
function lexiconFile(lexicon: Lexicon): LexiconFile {
  const counts = new Map<string, number>();
  for (const t of lexicon.terms) counts.set(t.category, (counts.get(t.category) ?? 0) + 1);
  let category: string | undefined;
  for (const [c, n] of counts) if (category === undefined || n > (counts.get(category) ?? 0)) category = c;
  const terms = lexicon.terms.map((t) => {
    const entry = {
      term: t.term,
      ...(t.category !== category ? { category: t.category } : {}),
      ...(t.group ? { group: t.group } : {}),
      ...nonEmpty("variants", t.variants),
      ...(t.homonym ? { homonym: true } : {}),
      ...(t.innocentPos ? { innocent_pos: t.innocentPos } : {}),
    };
    return Object.keys(entry).length === 1 ? t.term : entry;
  });
  const { name, description, language } = lexicon;
  return { name, description, language, ...(category ? { category } : {}), terms };
}

const groupEntry = ({ aliases, ...g }: IdentityGroup) => ({ ...g, ...nonEmpty("aliases", aliases) });

/**
 * A pack read back from PostgreSQL has its object keys in jsonb's order, not
 * the schema's; parsing again restores the schema's order, so the same pack
 * is written the same way wherever it came from.
 */
function inSchemaOrder(pack: NormPack): NormPack {
  return {
    manifest: packManifestSchema.parse(pack.manifest),
    // The file schemas require at least one entry; an empty list has no order to restore.
    groups: pack.groups.length ? groupsFileSchema.parse({ groups: pack.groups }).groups : [],
    patterns: pack.patterns.length ? patternsFileSchema.parse({ patterns: pack.patterns }).patterns : [],
    norms: pack.norms.map((n) => normSchema.parse(n)),
    lexicons: pack.lexicons,
  };
}

/**
 * Writes a pack as the files of its folder, the inverse of `parsePack`:
 * `parsePack(packToFiles(p))` gives `p` back. Pure and deterministic, so the
 * same pack always yields the same bytes and a diff of two packs shows only
 * what an editor changed.
 */
export function packToFiles(stored: NormPack): PackFiles {
  const pack = inSchemaOrder(stored);
  const files: PackFiles = { "pack.yaml": stringify("pack.yaml", "pack", pack.manifest) };
  if (pack.groups.length > 0)
    files["groups.yaml"] = stringify("groups.yaml", "groups", { groups: pack.groups.map(groupEntry) });
  if (pack.patterns.length > 0)
    files["patterns.yaml"] = stringify("patterns.yaml", "patterns", { patterns: pack.patterns });
  for (const norm of pack.norms) {
    const path = `norms/${norm.id}.yaml`;
    files[path] = stringify(path, "norm", normFile(norm));
  }
  for (const lexicon of pack.lexicons) {
    const path = `lexicons/${lexicon.name}.yaml`;
    files[path] = stringify(path, "lexicon", lexiconFile(lexicon));
  }
  return files;
}
