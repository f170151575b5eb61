import { type SQL, sql } from "drizzle-orm";
import { columnNames, rowsSelect } from "../db/json-rows.js";
import { rulings } from "../db/schema/index.js";
import type { RulingRow } from "./ruling-row.js";

const names = columnNames(rulings);

/**
 * A new ruling supersedes the latest evaluation ruling of the same content id (an edit), found by its replay key
 * (migrations/0011: only evaluation rulings keep their content id there; ids are time-ordered, so the greatest is
 * the latest).
 */
const SUPERSEDES = `case when r.content_id is null then r.supersedes else coalesce((select max(k.ruling_id)
  from ruling_replay_keys k where k.community_id = r.community_id and k.content_id = r.content_id), r.supersedes) end`;

const COLUMNS = sql.raw(names.map((name) => `"${name}"`).join(", "));
const PROJECTION = sql.raw(names.map((name) => (name === "supersedes" ? SUPERSEDES : `r."${name}"`)).join(", "));

/**
 * A request already recorded: the same Idempotency-Key, or the same content id with the same text (evaluations
 * only). Such a ruling is replayed, not written again; the writer reads it only when the insert skipped a row.
 * A request with neither asks nothing: the `is null` tests come first, and PostgreSQL runs no probe for them.
 *
 * Each check is one index probe per request, whatever the tables hold, because of how it is written:
 * - `offset 0` keeps each NOT EXISTS a probe. Without it PostgreSQL may plan a NOT EXISTS as a hashed subplan: the
 *   whole table read and hashed once per statement. The statement is prepared, and its generic plan is made while
 *   the tables are still small and kept until their statistics are next gathered. Measured with
 *   `npm run bench -- only=pg content-ids=1`: 444 req/s and 3.4 ms of PostgreSQL's CPU per answer, against
 *   1,729 req/s and 0.2 ms for the separate read.
 * - The text is compared through a subquery on the ruling's primary key, which can only be a lookup by id: a
 *   second guard, not the fix. In the hashed plan, the replay keys were hash-joined to every month's rulings; with
 *   `offset 0`, a join there was also planned as probes.
 */
const NOT_RECORDED = sql.raw(`(r.idempotency_key is null or not exists (select 1 from ruling_replay_keys k
    where k.community_id = r.community_id and k.idempotency_key = r.idempotency_key offset 0))
  and (r.content_id is null or r.origin <> 'evaluation' or not exists (select 1 from ruling_replay_keys k
    where k.community_id = r.community_id and k.content_id = r.content_id
      and (select x.content_hash from rulings x where x.id = k.ruling_id) = r.content_hash offset 0))`);

/**
 * The insert of a flush's rulings, less those already recorded, each new one superseding the content's previous
 * ruling: what the writer asked in a statement of its own before each insert (the rulings under the batch's
 * replay keys), now inside the insert, so a flush is one statement whether or not its requests carry content ids
 * or Idempotency-Keys. The checks read the table as the statement found it, as the separate read did; a ruling
 * another process records meanwhile is still caught by the partition's unique indexes (`on conflict`).
 */
export const insertNewRulings = (rows: readonly RulingRow[]): SQL =>
  sql`insert into rulings (${COLUMNS})
    select ${PROJECTION} from (${rowsSelect(rulings, rows)}) r where ${NOT_RECORDED}`;
