/**
 * The `Prefer` request header (RFC 7240): `return=minimal|representation`,
 * `wait=N` (seconds) and `respond-async`, plus every other preference by name.
 *
 * Preferences are hints: the RFC tells a server to ignore what it does not
 * understand or cannot honour rather than fail, so a malformed header or value
 * yields "no preference" here, never an error. Names are case-insensitive; a
 * preference sent twice counts once, first one wins (RFC 7240 §2). Several
 * `Prefer` headers arrive joined by commas, which this parses alike.
 */
export type Preferences = {
  return?: "minimal" | "representation";
  /** Seconds the client is willing to wait. Decimals are accepted (`wait=0.2`), beyond the RFC's delta-seconds. */
  wait?: number;
  respondAsync: boolean;
  /** Every preference by lower-cased name: its value (or "" when it has none) and its parameters. */
  all: ReadonlyMap<string, { value: string; params: ReadonlyMap<string, string> }>;
};

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const WAIT = /^\d{1,9}(\.\d{1,6})?$/;

/** Splits on `sep` outside double-quoted strings (a quoted value may hold commas and semicolons). */
function splitOutsideQuotes(text: string, sep: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted && ch === "\\" && i + 1 < text.length) {
      current += ch + text[++i];
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (ch === sep && !quoted) {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

/** `name[=word]` → [lower-cased name, unquoted value], or undefined when it is not one. */
function nameValue(text: string): [string, string] | undefined {
  const eq = text.indexOf("=");
  const name = (eq < 0 ? text : text.slice(0, eq)).trim();
  if (!TOKEN.test(name)) return undefined;
  if (eq < 0) return [name.toLowerCase(), ""];
  const raw = text.slice(eq + 1).trim();
  if (raw.startsWith('"')) {
    if (raw.length < 2 || !raw.endsWith('"')) return undefined;
    return [name.toLowerCase(), raw.slice(1, -1).replace(/\\(.)/g, "$1")];
  }
  return TOKEN.test(raw) || raw === "" ? [name.toLowerCase(), raw] : undefined;
}

/** The last header parsed and its result: a platform sends the same `Prefer` on every request, read twice each. */
let last: { header: string | null | undefined; parsed: Preferences } | undefined;

export function parsePrefer(header: string | null | undefined): Preferences {
  if (last && last.header === header) return last.parsed;
  const parsed = parse(header);
  last = { header, parsed };
  return parsed;
}

function parse(header: string | null | undefined): Preferences {
  const all = new Map<string, { value: string; params: Map<string, string> }>();
  for (const item of header ? splitOutsideQuotes(header, ",") : []) {
    const [head = "", ...rest] = splitOutsideQuotes(item, ";");
    if (head.trim() === "") continue;
    const pref = nameValue(head);
    if (!pref || all.has(pref[0])) continue;
    const params = new Map<string, string>();
    for (const p of rest) {
      const param = p.trim() === "" ? undefined : nameValue(p);
      if (param && !params.has(param[0])) params.set(param[0], param[1]);
    }
    all.set(pref[0], { value: pref[1], params });
  }
  const ret = all.get("return")?.value.toLowerCase();
  const wait = all.get("wait")?.value;
  return {
    ...(ret === "minimal" || ret === "representation" ? { return: ret } : {}),
    ...(wait !== undefined && WAIT.test(wait) ? { wait: Number(wait) } : {}),
    respondAsync: all.has("respond-async"),
    all,
  };
}
