import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ERROR_CODES, type ErrorCode, MoresError } from "../domain/index.js";
import type { AppEnv } from "./app-env.js";
import { dialectError } from "./dialects.js";

/** The one place error codes become HTTP statuses. */
export const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  invalid_request: 400,
  invalid_json: 400,
  invalid_encoding: 400,
  malformed_request: 400,
  headers_too_large: 431,
  request_timeout: 408,
  invalid_cursor: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  text_too_large: 413,
  batch_too_large: 413,
  unknown_attribute: 400,
  unsupported_attribute: 400,
  unsupported_language: 400,
  unsupported_input: 400,
  route_not_found: 404,
  method_not_allowed: 405,
  community_not_found: 404,
  ruling_not_found: 404,
  norm_not_found: 404,
  webhook_not_found: 404,
  invalid_webhook_url: 400,
  webhook_target_refused: 422,
  idempotency_key_reused: 422,
  appeal_not_found: 404,
  appeal_window_closed: 409,
  appeal_already_open: 409,
  appeal_already_decided: 409,
  appeal_withdrawn: 409,
  ruling_superseded: 409,
  review_not_queued: 409,
  review_already_decided: 409,
  claimed_by_other: 409,
  claim_required: 409,
  claim_not_held: 409,
  exception_not_offered: 422,
  unauthenticated: 401,
  forbidden: 403,
  rate_limited: 429,
  community_exists: 409,
  key_not_found: 404,
  proposal_not_found: 404,
  proposal_invalid: 422,
  proposal_not_adoptable: 409,
  proposal_stale: 409,
  proposal_closed: 409,
  proposal_self_approval: 409,
  not_ready: 503,
  database_unavailable: 503,
  overloaded: 503,
  internal: 500,
};

/** Codes a client should simply retry: their answers carry `Retry-After` (seconds). */
export const RETRY_AFTER: Partial<Record<ErrorCode, string>> = {
  database_unavailable: "2",
  overloaded: "1",
  not_ready: "2",
};

/** The RFC 9457 problem+json body for a mores error; also written outside Hono (src/entry). */
export function problemBody(error: MoresError, requestId: string) {
  return {
    type: `https://mores.dev/problems/${error.code.replace(/_/g, "-")}`,
    title: ERROR_CODES[error.code],
    status: STATUS[error.code],
    detail: error.detail,
    code: error.code,
    requestId,
    ...error.extra,
  };
}

/** An RFC 9457 problem+json response for a mores error. */
export function problem(c: Context<AppEnv>, error: MoresError): Response {
  const retryAfter = RETRY_AFTER[error.code];
  const dialect = c.get("dialect");
  if (dialect) {
    // A compatibility route answers in its API's own error shape (src/http/dialects.ts).
    const { status, body } = dialectError(dialect, error, STATUS[error.code]);
    return c.json(body, status, retryAfter ? { "retry-after": retryAfter } : {});
  }
  const body = problemBody(error, c.get("requestId"));
  return c.body(JSON.stringify(body), body.status, {
    "content-type": "application/problem+json",
    ...(retryAfter ? { "retry-after": retryAfter } : {}),
  });
}

export { MoresError };
