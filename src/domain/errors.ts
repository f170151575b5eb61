/**
 * The closed list of error codes mores answers with. Verbs throw `MoresError`
 * with one of these; the HTTP layer maps each code to a status in one place
 * (src/http/errors.ts) and renders application/problem+json.
 */
export const ERROR_CODES = {
  invalid_request: "The request is not valid",
  invalid_json: "The body is not valid JSON",
  invalid_encoding: "The request holds text that cannot be stored: a NUL, a lone surrogate or a malformed %-escape",
  malformed_request: "The HTTP request is malformed",
  headers_too_large: "The request headers are too large",
  request_timeout: "The request took too long to arrive",
  unsupported_media_type: "The body must be application/json",
  payload_too_large: "The request body is too large",
  text_too_large: "The content text is too large",
  batch_too_large: "The batch has too many items",
  unknown_attribute: "The requested attribute is not a Perspective attribute",
  unsupported_attribute: "No norm of the community informs the requested attribute",
  unsupported_language: "The community's norms have no words in the requested language",
  unsupported_input: "The input holds a part mores cannot judge (only text is judged)",
  route_not_found: "There is no such endpoint",
  method_not_allowed: "That method is not allowed here",
  community_not_found: "There is no such community",
  ruling_not_found: "There is no such ruling",
  norm_not_found: "There is no such norm",
  webhook_not_found: "There is no such webhook endpoint",
  invalid_webhook_url: "The webhook URL is not a valid http(s) URL",
  webhook_target_refused: "The webhook URL points at an address mores does not deliver to",
  idempotency_key_reused: "The idempotency key was used for a different request",
  appeal_not_found: "There is no such appeal",
  appeal_window_closed: "The appeal window for this ruling has closed",
  appeal_already_open: "This ruling already has an open appeal",
  appeal_already_decided: "This appeal has already been decided",
  appeal_withdrawn: "This appeal was withdrawn",
  ruling_superseded: "This ruling has been superseded; act on the ruling that replaced it",
  review_not_queued: "This ruling is not waiting for review",
  review_already_decided: "This review has already been decided",
  claimed_by_other: "Another moderator holds the claim on this ruling until it is released or its lease ends",
  claim_required: "Claim the ruling before deciding it",
  claim_not_held: "There is no live claim of yours on this ruling to release",
  exception_not_offered: "The exception is not one the ruling's norms offer at the version applied",
  invalid_cursor: "The cursor is not valid",
  unauthenticated: "A valid API key is required",
  forbidden: "This key may not do that",
  rate_limited: "Too many requests for this key",
  community_exists: "A community with this id already exists",
  key_not_found: "There is no such API key",
  proposal_not_found: "There is no such proposal",
  proposal_invalid: "The proposed norms are not valid",
  proposal_not_adoptable: "The proposal fails its norms' examples and cannot be adopted",
  proposal_stale: "The norm set in force has changed since the proposal was made",
  proposal_closed: "The proposal has already been adopted, rejected or withdrawn",
  proposal_self_approval: "An editor cannot approve their own proposal",
  not_ready: "The service is not ready",
  database_unavailable: "The database is unavailable; retry after Retry-After seconds",
  overloaded: "The service is at capacity; retry after Retry-After seconds",
  internal: "Something went wrong on our side",
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export class MoresError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    /** Extra members for the problem body, e.g. the validation issues. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(`${code}: ${detail}`);
  }
}
