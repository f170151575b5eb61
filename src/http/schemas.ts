import { z } from "zod";
import { slugSchema } from "../domain/index.js";

export const communityParams = z.object({
  community: slugSchema.meta({ param: { name: "community", in: "path" }, example: "default" }),
});

/** A community and one of its resources by id (a ruling, a webhook endpoint). */
export const communityIdParams = communityParams.extend({
  id: z
    .string()
    .min(1)
    .max(64)
    .meta({ param: { name: "id", in: "path" } }),
});

/** Every list pages the same way: `limit`, and the opaque `next_cursor` of the previous page (src/lib/page.ts). */
export const pageQuery = (defaultLimit = 50, maxLimit = 200) =>
  z.object({
    limit: z.coerce.number().int().min(1).max(maxLimit).default(defaultLimit),
    cursor: z
      .string()
      .max(64)
      .optional()
      .meta({ description: "next_cursor of the previous page; any other value is 400 invalid_cursor." }),
  });

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    requestId: z.string(),
    issues: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: "Problem" });

/** The error answers a route can give, as problem+json. */
export function problems(...statuses: number[]) {
  const descriptions: Record<number, string> = {
    400: "Malformed request",
    401: "Missing, malformed or revoked API key",
    403: "The key belongs to another community, or its role may not do this",
    409: "Conflicts with the resource's current state",
    429: "The key's rate limit: retry after Retry-After seconds",
    404: "Unknown community or resource",
    413: "Text over 64 KiB, batch over 100 items, or body over 8 MiB",
    415: "Body is not JSON",
    422: "Idempotency key reused for a different request, or an exception the ruling's norms do not offer",
    503: "The database is unavailable, the service is at capacity, or it is still starting: retry after Retry-After seconds",
  };
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: descriptions[s] ?? "Error", content: { "application/problem+json": { schema: problemSchema } } },
    ]),
  );
}

export const idempotencyHeaders = z.object({
  "idempotency-key": z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7e]+$/, "printable ASCII without spaces")
    .optional()
    .meta({ description: "Retries with the same key return the same ruling." }),
});

/** The moderation routes also read `Prefer` (RFC 7240): a malformed preference is ignored, never an error. */
export const moderationHeaders = idempotencyHeaders.extend({
  prefer: z.string().optional().meta({
    description:
      "RFC 7240 preferences. `return=minimal`: answer with the ruling's summary (decision, norms as id@version with outcome and action, appeal deadline, links), under 400 bytes for an allow; facts, evidence and trace stay one GET away. `return=representation` (the default): the whole ruling. `wait=N`: answer within about N seconds (decimals allowed) where content needs the model's judgment: the model gets what the rules and the ruling's write leave of it; past it the answer is a provisional ruling (`status: pending_judgment`). Without it, the community's `judgment.wait_seconds`; never longer than the reasoning budget. Honoured preferences are echoed in `Preference-Applied`.",
    example: "return=minimal, wait=0.5",
  }),
});

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

/** A required JSON request body, with the example the docs show and the isolation suite probes with. */
export const requestBody = <T extends z.ZodType>(schema: T, example: unknown) => ({
  required: true,
  content: { "application/json": { schema, example } },
});
