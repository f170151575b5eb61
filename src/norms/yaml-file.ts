import { type Document, isNode, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { formatPath, type PackError } from "./pack-error.js";
import { yamlSyntaxErrors } from "./yaml-syntax-error.js";

/** A parsed YAML file that can say on which line a path inside it sits. */
export class YamlFile {
  private readonly lines = new LineCounter();
  private readonly doc: Document;

  constructor(
    readonly file: string,
    private readonly text: string,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines, uniqueKeys: true });
  }

  syntaxErrors(): PackError[] {
    return yamlSyntaxErrors(this.file, this.text, this.doc.errors);
  }

  /** Line of the node at `path`, or of its nearest existing ancestor (a missing key points at its parent). */
  lineOf(path: ReadonlyArray<PropertyKey>): number | undefined {
    for (let n = path.length; n >= 0; n--) {
      const node = this.doc.getIn(path.slice(0, n) as unknown[], true);
      if (isNode(node) && node.range) return this.lines.linePos(node.range[0]).line;
    }
    return undefined;
  }

  error(path: ReadonlyArray<PropertyKey>, message: string): PackError {
    return { file: this.file, path: formatPath(path), line: this.lineOf(path), message };
  }

  /** Validates the file's content against a schema; problems come back located in the file. */
  parse<T extends z.ZodType>(schema: T): { value?: z.infer<T>; errors: PackError[] } {
    const syntax = this.syntaxErrors();
    if (syntax.length > 0) return { errors: syntax };
    const result = schema.safeParse(this.doc.toJS());
    if (result.success) return { value: result.data, errors: [] };
    return { errors: result.error.issues.flatMap((i) => this.describe(i, [])) };
  }

  /** Turns a zod issue into located errors an editor can act on. */
  private describe(issue: z.core.$ZodIssue, prefix: PropertyKey[]): PackError[] {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      // A condition tree is a union (all/any/not/leaf): report against the branch that
      // recognises most of the keys the editor wrote, then the one that got furthest.
      const unknownKeys = (branch: z.core.$ZodIssue[]) =>
        branch.reduce((n, b) => n + (b.code === "unrecognized_keys" && b.path.length === 0 ? b.keys.length : 0), 0);
      const depth = (branch: z.core.$ZodIssue[]) => Math.max(0, ...branch.map((b) => b.path.length));
      const best = [...issue.errors].sort((a, b) => unknownKeys(a) - unknownKeys(b) || depth(b) - depth(a))[0];
      if (best) return best.flatMap((b) => this.describe(b, path));
    }
    if (issue.code === "invalid_type" && !this.doc.hasIn(path as unknown[])) {
      return [this.error(path, `required field "${String(path[path.length - 1])}" is missing`)];
    }
    if (issue.code === "unrecognized_keys") {
      return [
        this.error(
          path,
          `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`,
        ),
      ];
    }
    return [this.error(path, issue.message)];
  }
}

/** A pack file and the value its YAML parsed to (validated against its schema). */
export type ParsedFile<T> = { file: YamlFile; value: T };
