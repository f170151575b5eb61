import { MoresError } from "../domain/errors.js";
import { fromBase64Url, toBase64Url } from "./base64url.js";
import type { IdPrefix } from "./ids.js";

/**
 * One way to page, for every list: keyset pagination over time-ordered ids.
 * Callers fetch `limit + 1` rows; the extra row only says whether another
 * page exists. The cursor is the last id shown, wrapped so clients treat it
 * as opaque, and checked on the way back in: a cursor of another list (or a
 * made-up one) is `invalid_cursor`, never a silently empty page.
 */
export const encodeCursor = (id: string) => toBase64Url(id);

/** The id a cursor stands for; `prefix` is the id kind the list pages over. */
export function decodeCursor(cursor: string, prefix: IdPrefix): string {
  const id = fromBase64Url(cursor);
  if (!id || !new RegExp(`^${prefix}_[0-9a-z]{26}$`).test(id))
    throw new MoresError("invalid_cursor", "the cursor was not issued by this API for this list");
  return id;
}

export function toPage<T extends { id: string }>(
  rows: readonly T[],
  limit: number,
): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { page, nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}
