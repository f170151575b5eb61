import { sql } from "drizzle-orm";
import type { Database } from "./client.js";
import { executeStatement } from "./prepared-statement.js";

/** One request's replay keys: its Idempotency-Key and its content id, either of them null when it has none. */
export type ReplayKeys = { community: string; key: string | null; content: string | null };

/**
 * The ids of rulings recorded under any of these replay keys (ruling_replay_keys, migrations/0011). The keys
 * travel as one JSON parameter, so the statement's text is the same for every batch and is prepared once per
 * connection (`prepared`, see executeStatement); an `in (…)` list of the batch's keys was a new statement to
 * parse and plan on every flush that carried content ids or keys. Each key is one probe of its partial index
 * (LATERAL: a nested loop whatever the table's size).
 */
export async function rulingIdsByReplayKeys(
  db: Database,
  keys: ReadonlyArray<ReplayKeys>,
  prepared: boolean,
): Promise<string[]> {
  const rows = await executeStatement<{ id: string }>(
    db,
    sql`select distinct k.ruling_id as id
      from json_to_recordset(${JSON.stringify(keys)}::json) as q(community text, key text, content text)
      cross join lateral (
        select ruling_id from ruling_replay_keys where community_id = q.community and idempotency_key = q.key
        union all
        select ruling_id from ruling_replay_keys where community_id = q.community and content_id = q.content
      ) k`,
    prepared,
  );
  return rows.map((r) => r.id);
}
