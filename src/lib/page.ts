/**
 * Keyset pagination over time-ordered ids: callers fetch `limit + 1` rows; the
 * extra row only says whether another page exists, and the cursor is the last
 * id shown, so pages stay stable while new rows arrive.
 */
export function toPage<T extends { id: string }>(
  rows: readonly T[],
  limit: number,
): { page: T[]; nextId: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { page, nextId: rows.length > limit && last ? last.id : null };
}
