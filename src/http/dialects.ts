import type { MiddlewareHandler } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { MoresError } from "../domain/index.js";
import type { AppEnv, Dialect } from "./app-env.js";

/**
 * The error shapes of the APIs mores stands in for. A client written for
 * Perspective or OpenAI reads `{error: …}` in their shape, so the routes that
 * speak their wire format answer every error — authentication, validation,
 * unknown route — in it; the native routes keep problem+json.
 */

/** google.rpc.Code names by HTTP status, as Google APIs answer them. */
const GOOGLE_STATUS: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  405: "UNIMPLEMENTED",
  408: "DEADLINE_EXCEEDED",
  409: "ABORTED",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
};

/** OpenAI's error `type` by HTTP status. */
const OPENAI_TYPE: Record<number, string> = {
  401: "authentication_error",
  403: "permission_error",
  429: "rate_limit_error",
  500: "server_error",
  503: "server_error",
};

/** The first field a validation error names, as OpenAI's `param`. */
const paramOf = (error: MoresError): string | null => {
  const issues = error.extra.issues as Array<{ path: string }> | undefined;
  return issues?.[0]?.path || null;
};

/** The body and status of an error in a dialect; `status` is mores's own unless the API answers otherwise. */
export function dialectError(dialect: Dialect, error: MoresError, status: ContentfulStatusCode) {
  if (dialect === "google") {
    // Perspective answers an over-long comment with 400 INVALID_ARGUMENT, not 413.
    const code = (
      status === 413 || status === 415 || status === 422 || status === 431 ? 400 : status
    ) as ContentfulStatusCode;
    return {
      status: code,
      body: {
        error: {
          code,
          message: error.detail,
          status: GOOGLE_STATUS[code] ?? (code >= 500 ? "INTERNAL" : "INVALID_ARGUMENT"),
          details: [{ "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: error.code, domain: "mores" }],
        },
      },
    };
  }
  return {
    status,
    body: {
      error: {
        message: error.detail,
        type: OPENAI_TYPE[status] ?? (status >= 500 ? "server_error" : "invalid_request_error"),
        param: paramOf(error),
        code: error.code,
      },
    },
  };
}

/**
 * Marks the routes under it as speaking a dialect: `problem()` renders their
 * errors in its shape. Mounted before authorization, so a missing key is
 * already answered in the client's own terms.
 *
 * @example app.use("/v1alpha1/*", dialect("google"))
 */
export function dialect(name: Dialect): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("dialect", name);
    await next();
  };
}
