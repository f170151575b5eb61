import type { Role } from "../../domain/index.js";

const article = (word: string) => (/^[aeiou]/.test(word) ? "an" : "a");

/**
 * The 403 detail when a key's role is not enough, said so a caller can act on
 * it: the request as they sent it (the real path, not the route template)
 * and the role it needs — the least one when several would do, since admin
 * always qualifies and says nothing new.
 *
 * @example roleRefusal("editor", "POST", "/v1/communities/knitting/proposals/prp_1/adopt", ["admin"])
 * // "an editor key may not POST /v1/communities/knitting/proposals/prp_1/adopt: it needs the admin role"
 */
export function roleRefusal(
  role: Role,
  method: string,
  path: string,
  declared: readonly Role[] | "operator" | undefined,
): string {
  const refused = `${article(role)} ${role} key may not ${method} ${path}`;
  if (declared === undefined || declared === "operator") return `${refused}: it needs the operator key`;
  const enough = declared.filter((r) => r !== "admin");
  const needs = enough.length === 0 ? "the admin role" : `the ${enough.join(" or ")} role (or admin)`;
  return `${refused}: it needs ${needs}`;
}
