import type { MiddlewareHandler } from "hono";
import { MoresError } from "../../domain/index.js";
import type { AppEnv } from "../app-env.js";
import { problem } from "../errors.js";
import { findBadUrlText } from "../url-text.js";
import { findUnstorable, mayHoldUnstorable } from "../well-formed-text.js";

/**
 * Refuses a request whose path or query holds a malformed `%`-escape or an
 * encoded NUL (400 `invalid_encoding`, naming the segment or parameter),
 * before access checks or any handler decodes it. Hono's own decoding falls
 * back to the raw text on failure, which would let `%zz` reach a lookup.
 *
 * @example app.use("*", wellFormedUrl())
 */
export const wellFormedUrl = (): MiddlewareHandler<AppEnv> => (c, next) => {
  const bad = findBadUrlText(c.req.url);
  // Not an async function: one that returns next() wraps its promise in another, two more microtask turns.
  if (!bad) return next();
  const where = bad.in === "path" ? `path segment ${bad.segment}` : `query parameter "${bad.parameter}"`;
  return Promise.resolve(
    problem(
      c,
      new MoresError("invalid_encoding", `${where} holds ${bad.found} at offset ${bad.offset}`, { location: bad }),
    ),
  );
};

/**
 * The error for a JSON body any of whose strings (keys included) holds a NUL
 * or a lone surrogate, naming it by JSON pointer and offset; undefined for a
 * body that is fine or not JSON at all (the validator answers that one).
 * The cheap raw-text test keeps the parse off the common path.
 */
export function unstorableBody(text: string): MoresError | undefined {
  if (!mayHoldUnstorable(text)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const bad = findUnstorable(value);
  if (!bad) return undefined;
  return new MoresError(
    "invalid_encoding",
    `the string at ${bad.pointer || "/"} holds ${bad.found} at offset ${bad.offset}; send NUL-free, well-formed Unicode`,
    { location: bad },
  );
}
