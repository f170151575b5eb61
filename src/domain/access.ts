import { z } from "zod";

/**
 * What a key of a community may do. `admin` may do everything within its
 * community; the operator (one key, across communities) everything anywhere.
 */
export const ROLES = ["platform", "editor", "moderator", "admin"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = (typeof ROLES)[number];

/** Who is calling: the key's id (never the key), its community and role. */
export type Principal =
  | { kind: "operator"; keyId: string; name: string | null }
  | { kind: "member"; keyId: string; name: string | null; community: string; role: Role };

export const rateLimitSchema = z.strictObject({
  per_second: z.number().positive().max(1_000_000),
  burst: z.number().int().min(1).max(1_000_000).optional(),
});

/** A principal's role as recorded in the audit log. */
export const roleOf = (p: Principal): Role | "operator" => (p.kind === "operator" ? "operator" : p.role);
