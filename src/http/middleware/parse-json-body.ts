import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { MoresError } from "../../domain/index.js";
import type { AppEnv } from "../app-env.js";
import { problem } from "../errors.js";
import { unstorableBody } from "./well-formed.js";

/** A batch of 100 items of 64 KiB each, with room for JSON overhead and context. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

/**
 * The JSON content types the route validators (@hono/zod-openapi) accept: a
 * looser test here would pass a type they then refuse by throwing.
 */
export const JSON_TYPE = /^application\/([a-z-.]+\+)?json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i;

/** A runtime's faster way to read a body, if it has one; undefined falls back to the Web Request. */
export type BodyReader = (c: Context, maxBytes: number) => Promise<string> | undefined;

/**
 * Requests that carry a body must say it is JSON (415 otherwise), stay
 * under the size limit (413) and hold no NUL or lone surrogate in any string
 * (400 `invalid_encoding`), checked before anything is parsed or written.
 *
 * @example app.use("/v1/*", parseJsonBody(readNodeBody))
 */
export const parseJsonBody = (reader?: BodyReader): MiddlewareHandler<AppEnv> => {
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) =>
      problem(c as never, new MoresError("payload_too_large", `request bodies are limited to ${MAX_BODY_BYTES} bytes`)),
  });
  return async (c, next) => {
    if (c.req.method !== "POST" && c.req.method !== "PUT" && c.req.method !== "PATCH") return next();
    // An action without a body (POST …/withdraw) needs no content type. Over HTTP/1.1 (Node) a body is
    // declared by its headers; a Web Request (Workers, app.request) may carry one without Content-Length.
    const length = c.req.header("content-length");
    const chunked = c.req.header("transfer-encoding") !== undefined;
    const undeclared = length === undefined && !chunked;
    if ((length === "0" && !chunked) || (undeclared && (reader !== undefined || c.req.raw.body === null)))
      return next();
    const type = c.req.header("content-type") ?? "";
    if (!JSON_TYPE.test(type)) {
      return problem(
        c,
        new MoresError("unsupported_media_type", `send Content-Type: application/json (got "${type || "none"}")`),
      );
    }
    const body = reader?.(c, MAX_BODY_BYTES);
    // The portable path: the limit first, then the text (cached by Hono for the validators).
    if (!body) return limit(c, async () => checked(await c.req.text(), next));
    // Validators read c.req.json(), which reads this cache before the Request.
    (c.req as unknown as { bodyCache: { text?: Promise<string> } }).bodyCache.text = body;
    let text: string;
    try {
      text = await body;
    } catch (e) {
      if (e instanceof MoresError) return problem(c, e);
      throw e;
    }
    return checked(text, next);
  };
};

/** Thrown, not returned, so it also works inside bodyLimit's `next`; app.onError renders it. */
function checked(text: string, next: () => Promise<void>): Promise<void> {
  const bad = unstorableBody(text);
  if (bad) throw bad;
  return next();
}
