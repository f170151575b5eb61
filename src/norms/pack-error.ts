/**
 * A problem in a norm pack, said the way a norm editor can act on it: which
 * file, where inside it, and what is wrong. The loader returns these; it
 * never throws a stack trace at an editor.
 */
export type PackError = { file: string; path: string; line?: number; message: string };

export function formatPackError(e: PackError): string {
  const where = e.line ? `${e.file}:${e.line}` : e.file;
  return e.path ? `${where} ${e.path}: ${e.message}` : `${where}: ${e.message}`;
}

/** ["exceptions", 1, "description"] → "exceptions[1].description" */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}
