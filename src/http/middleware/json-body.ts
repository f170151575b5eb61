import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { MoresError } from "../../domain/index.js";
import type { AppEnv } from "../app-env.js";
import { problem } from "../errors.js";

/** A batch of 100 items of 64 KiB each, with room for JSON overhead and context. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** A runtime's faster way to read a body, if it has one; undefined falls back to the Web Request. */
export type BodyReader = (c: Context, maxBytes: number) => Promise<string> | undefined;

/**
 * Requests that carry a body must say it is JSON (415 otherwise) and stay
 * under the size limit (413), checked before anything is parsed or written.
 *
 * @example app.use("/v1/*", jsonBody(readNodeBody))
 */
export const jsonBody = (reader?: BodyReader): MiddlewareHandler<AppEnv> => {
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) =>
      problem(c as never, new MoresError("payload_too_large", `request bodies are limited to ${MAX_BODY_BYTES} bytes`)),
  });
  return async (c, next) => {
    if (c.req.method !== "POST" && c.req.method !== "PUT" && c.req.method !== "PATCH") return next();
    // An action without a body (POST …/withdraw) needs no content type.
    const length = c.req.header("content-length");
    if ((length === undefined || length === "0") && !c.req.header("transfer-encoding")) return next();
    const type = c.req.header("content-type") ?? "";
    if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
      return problem(
        c,
        new MoresError("unsupported_media_type", `send Content-Type: application/json (got "${type || "none"}")`),
      );
    }
    const body = reader?.(c, MAX_BODY_BYTES);
    if (!body) return limit(c, next);
    // Validators read c.req.json(), which reads this cache before the Request.
    (c.req as unknown as { bodyCache: { text?: Promise<string> } }).bodyCache.text = body;
    try {
      await body;
    } catch (e) {
      if (e instanceof MoresError) return problem(c, e);
      throw e;
    }
    return next();
  };
};
