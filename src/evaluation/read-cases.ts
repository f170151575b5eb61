import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { parseCsv } from "./csv.js";
import { type Verdict, verdictOfWord } from "./verdict.js";

/** What a case is, for scoring: hate, not hate, or (bench corpus) a case where context decides. */
export type Label = "hateful" | "non-hateful" | "contextual";

/** One test case, read from a CSV or JSONL file. */
export type EvalCase = {
  /** `file:line`, so a report can point at the case. */
  source: string;
  text: string;
  /** The functionality the case tests; the label when the file has no categories (bench/corpus.jsonl). */
  category: string;
  label?: Label;
  /** A decision the case must get, when the file says so (`expected`, or `expected_block: true`). */
  expected?: Verdict;
  /** The identity group the case is about, for per-group figures. */
  group?: string;
  authorGroups?: string[];
  parent?: string;
};

const LABEL_WORDS: Record<string, Label> = {
  hateful: "hateful",
  abusive: "hateful",
  hate: "hateful",
  "non-hateful": "non-hateful",
  non_hateful: "non-hateful",
  nonhateful: "non-hateful",
  benign: "non-hateful",
  contextual: "contextual",
};

const groupList = z.union([z.array(z.string()), z.string().transform((s) => s.split(";"))]);
const flag = z.union([z.boolean(), z.string().transform((s) => /^(true|yes|1)$/i.test(s.trim()))]);

/**
 * The fields a case may carry. `author`/`context` are the shape bench/corpus.jsonl
 * and the moderate endpoint use; `author_groups`/`parent` the flat shape for CSV.
 */
const rawCase = z.object({
  text: z.string().min(1, "text is empty"),
  label: z.string().optional(),
  expected: z.string().optional(),
  expected_block: flag.optional(),
  category: z.string().optional(),
  group: z.string().optional(),
  author_groups: groupList.optional(),
  parent: z.union([z.string(), z.object({ text: z.string() })]).optional(),
  author: z.object({ groups: z.array(z.string()).optional() }).optional(),
  context: z.object({ parent: z.object({ text: z.string() }).optional() }).optional(),
});

function toCase(line: number, raw: unknown): Omit<EvalCase, "source"> & { line: number } {
  const parsed = rawCase.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`line ${line}: ${issue?.path.join(".") || "case"}: ${issue?.message}`);
  }
  const r = parsed.data;
  const label = r.label?.trim() ? LABEL_WORDS[r.label.trim().toLowerCase()] : undefined;
  if (r.label?.trim() && !label)
    throw new Error(`line ${line}: label "${r.label}" is not one of hateful, non-hateful, abusive, benign, contextual`);
  const expected = r.expected?.trim() ? verdictOfWord(r.expected) : undefined;
  if (r.expected?.trim() && !expected)
    throw new Error(`line ${line}: expected "${r.expected}" names no decision (allow, review, block, remove, hide, …)`);
  const groups = (r.author_groups ?? r.author?.groups ?? []).map((g) => g.trim()).filter(Boolean);
  const parent = typeof r.parent === "string" ? r.parent : (r.parent?.text ?? r.context?.parent?.text);
  const category = r.category?.trim() || r.label?.trim().toLowerCase() || "uncategorised";
  return {
    line,
    text: r.text,
    category,
    ...(label ? { label } : {}),
    ...(expected ? { expected } : r.expected_block === true ? { expected: "block" as const } : {}),
    ...(r.group?.trim() ? { group: r.group.trim() } : {}),
    ...(groups.length > 0 ? { authorGroups: groups } : {}),
    ...(parent ? { parent } : {}),
  };
}

type Parsed = ReturnType<typeof toCase>;

/** Cases from the text of a file, each with its line. Throws naming the first bad line. */
export function parseCases(text: string, format: "csv" | "jsonl"): Parsed[] {
  if (format === "csv") return parseCsv(text).map((r) => toCase(r.line, r.fields));
  const cases: Parsed[] = [];
  text.split("\n").forEach((raw, i) => {
    if (!raw.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (e) {
      throw new Error(`line ${i + 1}: not JSON: ${(e as Error).message}`);
    }
    cases.push(toCase(i + 1, json));
  });
  return cases;
}

const CASE_FILE = /\.(csv|jsonl|ndjson)$/i;

/** The case files a path names: the file itself, or the CSV/JSONL files of a folder, sorted. */
async function caseFiles(path: string): Promise<string[]> {
  if (!(await stat(path)).isDirectory()) return [path];
  const names = (await readdir(path)).filter((n) => CASE_FILE.test(n)).sort();
  if (names.length === 0) throw new Error(`${path}: the folder holds no .csv or .jsonl files`);
  return names.map((n) => join(path, n));
}

/**
 * Reads cases from CSV (`.csv`) or JSONL (anything else) files, or folders of
 * them. Throws naming the file and line of the first bad case.
 */
export async function readCases(paths: readonly string[]): Promise<EvalCase[]> {
  const cases: EvalCase[] = [];
  for (const path of paths) {
    for (const file of await caseFiles(path)) {
      const text = await readFile(file, "utf8");
      try {
        for (const { line, ...c } of parseCases(text, /\.csv$/i.test(file) ? "csv" : "jsonl"))
          cases.push({ source: `${file}:${line}`, ...c });
      } catch (e) {
        throw new Error(`${file}: ${(e as Error).message}`);
      }
    }
  }
  return cases;
}
