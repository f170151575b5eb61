/**
 * Checks a request URL's path segments and query parameters before any
 * route sees them: a malformed `%`-escape (`%zz`, `%E0%A4`, an encoded
 * surrogate) makes decodeURIComponent throw deep inside a handler, and `%00`
 * decodes to a NUL that PostgreSQL refuses. Either is the caller's mistake,
 * so it is named here with where it is: the segment or parameter, and the
 * offset of the escape in the text as sent.
 */
export type BadUrlText =
  | { in: "path"; segment: number; offset: number; found: string }
  | { in: "query"; parameter: string; offset: number; found: string };

const ESCAPE_RUNS = /(?:%[0-9A-Fa-f]{2})+/g;

/** The first malformed escape or encoded NUL in one raw (still encoded) piece of a URL. */
function badEscape(raw: string): { offset: number; found: string } | undefined {
  const stray = /%(?![0-9A-Fa-f]{2})/.exec(raw);
  for (const run of raw.matchAll(ESCAPE_RUNS)) {
    if (stray && stray.index < run.index) break;
    let decoded: string;
    try {
      decoded = decodeURIComponent(run[0]);
    } catch {
      return { offset: run.index, found: `malformed %-escape "${run[0].slice(0, 24)}" (not UTF-8)` };
    }
    if (decoded.includes("\u0000")) return { offset: run.index + run[0].search(/%00/), found: "U+0000" };
  }
  if (stray) return { offset: stray.index, found: `malformed %-escape "${raw.slice(stray.index, stray.index + 3)}"` };
  return undefined;
}

/**
 * The first bad piece of `url` (an absolute URL as a Request carries it), or
 * undefined. URLs without `%` are skipped at the cost of one indexOf.
 */
export function findBadUrlText(url: string): BadUrlText | undefined {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  if (start < 0 || url.indexOf("%", start) < 0) return undefined;
  const hash = url.indexOf("#", start);
  const end = hash < 0 ? url.length : hash;
  const q = url.indexOf("?", start);
  const path = url.slice(start, q < 0 || q > end ? end : q);
  const segments = path.split("/");
  for (let i = 1; i < segments.length; i++) {
    const bad = badEscape(segments[i] as string);
    if (bad) return { in: "path", segment: i, ...bad };
  }
  if (q < 0 || q > end) return undefined;
  for (const pair of url.slice(q + 1, end).split("&")) {
    const bad = badEscape(pair);
    if (bad) {
      const name = pair.split("=")[0] ?? "";
      return { in: "query", parameter: name.slice(0, 64), ...bad };
    }
  }
  return undefined;
}
