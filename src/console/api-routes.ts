/**
 * The API routes console pages act as ("METHOD /hono/path", the keys of the
 * authorize middleware's role table): a page admits the roles its route
 * declares in `x-roles`, no more.
 */
export const API = {
  queue: "GET /v1/communities/:community/reviews",
  claim: "POST /v1/communities/:community/reviews/:ruling_id/claim",
  release: "POST /v1/communities/:community/reviews/:ruling_id/release",
  decideReview: "POST /v1/communities/:community/reviews/:ruling_id/decision",
  ruling: "GET /v1/communities/:community/rulings/:id",
  appeals: "GET /v1/communities/:community/appeals",
  decideAppeal: "POST /v1/communities/:community/appeals/:appeal_id/decision",
  norms: "GET /v1/communities/:community/norms",
  proposals: "GET /v1/communities/:community/proposals",
  proposal: "GET /v1/communities/:community/proposals/:id",
  propose: "POST /v1/communities/:community/proposals",
  transparency: "GET /v1/communities/:community/transparency",
} as const;
