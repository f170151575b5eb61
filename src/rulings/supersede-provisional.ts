import { sql } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { insertRows, resultRows, tableName } from "../db/json-rows.js";
import { rulings } from "../db/schema/index.js";
import type { FlushResult } from "../lib/group-commit.js";
import { newId } from "../lib/ids.js";
import { endpointTakes, type WebhookEventType } from "../webhooks/outbox.js";
import { insertedOutcomes } from "./for-inserted-rulings.js";
import type { RulingRecord } from "./ruling-row.js";

export type SupersedeResult =
  | { status: "superseded"; ruling: RulingRecord }
  /** Another process holds (or finished) this judgment: nothing written. */
  | { status: "not_held" }
  /** A person decided, or the content was edited, before the model answered: theirs stands. */
  | { status: "already_superseded"; by: string };

/** A judgment the model finished: its provisional ruling, the lease this process holds on it, and the evaluation. */
export type FinishedJudgment = { provisionalId: string; token: string; evaluated: RulingRecord; now: Date };

const TYPE: WebhookEventType = "ruling.superseded";

/** The final ruling for a provisional one: origin `judgment`, superseding it; retries of the request still reach the provisional one. */
function finalRecord({ provisionalId, evaluated }: FinishedJudgment): RulingRecord {
  return {
    row: {
      ...evaluated.row,
      origin: "judgment",
      status: "final",
      supersedes: provisionalId,
      idempotencyKey: null,
      requestHash: "",
      trace: { ...evaluated.row.trace, superseded: provisionalId },
    },
    norms: evaluated.norms,
  };
}

type Outcome = { final_id: string; held: boolean; taken_by: string | null; inserted_id: string | null };

/**
 * The final rulings of judgments the model finished, each superseding its
 * provisional ruling (origin `judgment`) and announced as `ruling.superseded`.
 * A judgment is written only if this process still holds its lease (`token`):
 * its pending row is deleted in the same statement, so two processes that both
 * judged it never write two final rulings. One whose provisional ruling a
 * person (or an edit) already superseded loses its pending row and writes
 * nothing.
 *
 * All of it is one statement for the whole batch. A model answer shared by
 * many requests in flight finishes as many judgments at once; a transaction
 * of six statements each held PGlite's one connection (and its event loop)
 * ~10 ms apiece, and the requests behind them waited the whole train
 * (`npm run bench:wait`, docs/benchmarks.md).
 */
export async function supersedeProvisionals(
  db: Database,
  finished: FinishedJudgment[],
): Promise<Array<FlushResult<SupersedeResult>>> {
  const finals = finished.map(finalRecord);
  const jobs = finished.map((f, i) => ({
    provisional: f.provisionalId,
    token: f.token,
    final_id: (finals[i] as RulingRecord).row.id,
    event_id: newId("evt", f.now.getTime()),
    at: f.now.toISOString(),
  }));
  const insertFinals = insertRows(
    rulings,
    finals.map((f) => f.row),
  );
  const result = await db.execute(sql`
    with jobs as (
      select * from json_to_recordset(${JSON.stringify(jobs)}::json)
        as j(provisional text, token text, final_id text, event_id text, at timestamptz)
    ), held as (
      delete from pending_judgments p using jobs j
      where p.ruling_id = j.provisional and p.lease_token = j.token
      returning p.ruling_id, j.final_id
    ), taken as (
      select distinct on (r.supersedes) r.supersedes, r.id from ${tableName(rulings)} r
      where r.supersedes in (select ruling_id from held)
      order by r.supersedes, r.id
    ), inserted as (
      ${insertFinals}
      where "id" in (select final_id from held) and "supersedes" not in (select supersedes from taken)
      returning id, community_id, decision, supersedes
    ), ${insertedOutcomes(finals)}, announced as (
      select j.event_id, j.at, i.* from inserted i join jobs j on j.final_id = i.id
    ), events as (
      insert into webhook_events (id, community_id, type, payload, created_at)
      select a.event_id, a.community_id, ${TYPE},
        jsonb_build_object('ruling_id', a.supersedes, 'superseded_by', a.id, 'decision', a.decision, 'origin', 'judgment'),
        a.at
      from announced a
    ), deliveries as (
      insert into webhook_deliveries (event_id, endpoint_id, community_id, status, attempts, next_attempt_at)
      select a.event_id, e.id, e.community_id, 'pending', 0, a.at
      from announced a
      join webhook_endpoints e on e.community_id = a.community_id and ${endpointTakes(TYPE)}
    )
    select j.final_id, h.final_id is not null as held, t.id as taken_by, i.id as inserted_id
    from jobs j
    left join held h on h.final_id = j.final_id
    left join taken t on t.supersedes = j.provisional
    left join inserted i on i.id = j.final_id`);
  const outcomes = new Map(resultRows<Outcome>(result).map((o) => [o.final_id, o]));
  return finished.map((f, i): FlushResult<SupersedeResult> => {
    const ruling = finals[i] as RulingRecord;
    const o = outcomes.get(ruling.row.id);
    if (!o)
      return { ok: false, error: new Error(`judgment of ${f.provisionalId} was not in its own statement's answer`) };
    if (!o.held) return { ok: true, value: { status: "not_held" } };
    if (o.taken_by) return { ok: true, value: { status: "already_superseded", by: o.taken_by } };
    return o.inserted_id
      ? { ok: true, value: { status: "superseded", ruling } }
      : { ok: false, error: new Error(`final ruling ${ruling.row.id} was neither written nor refused`) };
  });
}
