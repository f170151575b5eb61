import type { YAMLError } from "yaml";
import type { PackError } from "./pack-error.js";

/**
 * The YAML parser's messages, said in plain words for a norm editor. Keyed by
 * the parser's error code, then by a phrase of its message where one code
 * covers several mistakes; anything unlisted keeps the parser's own words.
 */
const PLAIN: Array<[code: string, phrase: RegExp | undefined, words: string]> = [
  ["MISSING_CHAR", /closing "/, 'a double-quoted value is never closed (a " is missing)'],
  ["MISSING_CHAR", /closing '/, "a single-quoted value is never closed (a ' is missing)"],
  ["MISSING_CHAR", /followed by map values/, 'a key is missing its value (write "key: value")'],
  ["BAD_INDENT", /Flow sequence/, "a [ list is not closed with ] (or the line after it is not indented enough)"],
  ["BAD_INDENT", /Flow map/, "a { map is not closed with } (or the line after it is not indented enough)"],
  ["BAD_INDENT", /same column/, "this line is indented differently from the keys above it"],
  ["BAD_INDENT", undefined, "the indentation is wrong here"],
  ["TAB_AS_INDENT", undefined, "a tab is used for indentation: indent with spaces"],
  ["DUPLICATE_KEY", undefined, "this key appears twice in the same map"],
  [
    "BLOCK_AS_IMPLICIT_KEY",
    undefined,
    'a "key: value" sits where a plain value was expected: if the value contains ": ", put it in quotes',
  ],
  ["MULTILINE_IMPLICIT_KEY", undefined, 'this line is neither "key: value" nor a "- " list item in place'],
  ["UNEXPECTED_TOKEN", undefined, 'something unexpected here: check the indentation, "-" and ":"'],
  ["MULTIPLE_DOCS", undefined, 'a pack file holds one document: remove the "---" separator'],
  ["BAD_DQ_ESCAPE", undefined, 'a backslash escape inside "double quotes" is not valid: use single quotes'],
  ["BAD_SCALAR_START", undefined, "a plain value cannot start with this character: put the value in quotes"],
  ["BAD_ALIAS", undefined, "an alias (*name) does not refer to an anchor (&name) above it"],
];

function plainWords(e: YAMLError): string {
  const own = (e.message.split("\n")[0] ?? e.message).replace(/ at line \d+, column \d+:?$/, "");
  return PLAIN.find(([code, phrase]) => code === e.code && (!phrase || phrase.test(own)))?.[2] ?? own;
}

/**
 * Where to point: the parser's position, except that a list or map left
 * unclosed is found only on the next line (or at the end of the file), where
 * a caret says nothing: then the end of the last line with text before it.
 */
function locate(source: string, line: number, col: number, unclosed: boolean) {
  const lines = source.split(/\r?\n/);
  let at = line;
  let column = col;
  if (!lines[at - 1]?.trim() || (unclosed && col === 1 && at > 1)) {
    at--;
    while (at > 1 && !lines[at - 1]?.trim()) at--;
    column = (lines[at - 1]?.length ?? 0) + 1;
  }
  return { line: at, column, text: lines[at - 1] ?? "" };
}

/** The source line and a caret under the column, as a terminal shows them (tabs kept, so they align). */
function excerpt(text: string, line: number, column: number): string {
  const margin = `${line} | `;
  const pad = text.slice(0, Math.max(0, column - 1)).replace(/[^\t]/g, " ");
  return `${margin}${text}\n${" ".repeat(margin.length - 2)}| ${pad}^`;
}

/**
 * One located error per line of the file: the parser often reports one
 * mistake several times over (an unclosed list is also a badly indented map),
 * and an editor needs to read it once.
 */
export function yamlSyntaxErrors(file: string, source: string, errors: readonly YAMLError[]): PackError[] {
  const seen = new Set<number>();
  return errors.flatMap((e) => {
    const pos = e.linePos?.[0];
    const key = pos?.line ?? 0;
    if (seen.has(key)) return [];
    seen.add(key);
    if (!pos) return [{ file, path: "", message: plainWords(e) }];
    const unclosed = e.code === "BAD_INDENT" && /Flow (sequence|map)/.test(e.message);
    const { line, column, text } = locate(source, pos.line, pos.col, unclosed);
    return [{ file, path: "", line, column, message: plainWords(e), excerpt: excerpt(text, line, column) }];
  });
}
