/**
 * Finds text that cannot be stored: NUL (PostgreSQL text and jsonb refuse
 * U+0000) and lone UTF-16 surrogates (not Unicode scalar values; jsonb
 * refuses their escapes, and UTF-8 cannot encode them). Such text is refused
 * at the door, with where it is, so it never reaches a shared database write.
 */

/** Where a request holds unstorable text: a JSON pointer into the body, or the path segment / query parameter. */
export type BadText = { in: "body" | "path" | "query"; pointer: string; offset: number; found: string };

// Without the `u` flag the regex sees UTF-16 code units, which is what makes a lone surrogate visible.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The first unstorable character of `s`: its UTF-16 offset and its code point as `U+XXXX`. */
export function unstorableAt(s: string): { offset: number; found: string } | undefined {
  const m = UNSTORABLE.exec(s);
  if (!m) return undefined;
  return { offset: m.index, found: `U+${(m[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}` };
}

// `\u0000`, a high-surrogate escape not followed by a low one, or a low one not preceded by a high one.
const SUSPECT_ESCAPE =
  /\\u0000|\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F])|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F]/;

/**
 * A cheap test on the raw JSON text: could any string in it hold NUL or a
 * lone surrogate once parsed? Such characters only arrive as `\u` escapes: a
 * raw NUL is invalid JSON, and body text decoded from UTF-8 holds no lone
 * surrogate. Most bodies hold no `\u` at all (one includes); correctly paired
 * escapes (emoji from an ASCII-only serialiser) do not match. A false
 * positive (a literal `\\u0000`) only costs a parse and a walk.
 */
export const mayHoldUnstorable = (json: string): boolean => json.includes("\\u") && SUSPECT_ESCAPE.test(json);

const escapePointer = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * The first key or string value of a parsed JSON value holding unstorable
 * text, as an RFC 6901 pointer. Iterative, in document order: a body may
 * nest arrays a million deep, which a recursive walk would answer with a
 * stack overflow (a 500) instead of a 400.
 */
export function findUnstorable(root: unknown): BadText | undefined {
  // Each entry carries its parent chain; the pointer string is built only for the one found.
  type Place = { parent: Place | undefined; token: string } | undefined;
  const pointerOf = (place: Place, last?: string) => {
    const tokens = last === undefined ? [] : [last];
    for (let p = place; p; p = p.parent) tokens.push(p.token);
    return tokens
      .reverse()
      .map((t) => `/${escapePointer(t)}`)
      .join("");
  };
  const stack: Array<[unknown, Place]> = [[root, undefined]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [value, place] = next;
    if (typeof value === "string") {
      const at = unstorableAt(value);
      if (at) return { in: "body", pointer: pointerOf(place), ...at };
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], { parent: place, token: String(i) }]);
    } else if (value !== null && typeof value === "object") {
      const entries = Object.entries(value);
      for (const [key] of entries) {
        const inKey = unstorableAt(key);
        if (inKey)
          return {
            in: "body",
            pointer: pointerOf(place, key),
            offset: inKey.offset,
            found: `${inKey.found} in the key`,
          };
      }
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, v] = entries[i] as [string, unknown];
        stack.push([v, { parent: place, token: key }]);
      }
    }
  }
  return undefined;
}
