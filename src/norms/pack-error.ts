/**
 * A problem in a norm pack, said the way a norm editor can act on it: which
 * file, where inside it, and what is wrong. The loader returns these; it
 * never throws a stack trace at an editor.
 */
export type PackError = {
  file: string;
  path: string;
  line?: number;
  /** For a YAML syntax error: the column, and the source line with a caret under it. */
  column?: number;
  excerpt?: string;
  message: string;
};

/** "file:7 triggers.all[0].fact: unknown fact", or "file:7 column 3: a key is missing its value" + the excerpt. */
export function formatPackError(e: PackError): string {
  const where = e.line ? `${e.file}:${e.line}` : e.file;
  const at = e.path || (e.column ? `column ${e.column}` : "");
  const head = at ? `${where} ${at}: ${e.message}` : `${where}: ${e.message}`;
  return e.excerpt ? `${head}\n${e.excerpt.replace(/^/gm, "    ")}` : head;
}

/** ["exceptions", 1, "description"] → "exceptions[1].description" */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}
