import { inArray, sql } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { isDataError } from "../db/data-error.js";
import { executeStatement } from "../db/prepared-statement.js";
import { rulingIdsByReplayKeys } from "../db/replay-key-lookup.js";
import { pendingJudgments, rulingNorms, rulings } from "../db/schema/index.js";
import { MoresError } from "../domain/index.js";
import { type FlushResult, GroupCommit } from "../lib/group-commit.js";
import { LatencyEstimate } from "../lib/latency-estimate.js";
import { type Metrics, noMetrics } from "../lib/metrics-port.js";
import { inSpan } from "../lib/tracing.js";
import { rulingCreatedEvents } from "../webhooks/ruling-events.js";
import { forInsertedRulings, insertedOutcomes } from "./for-inserted-rulings.js";
import { insertNewRulings } from "./insert-new-rulings.js";
import type { RulingRecord, RulingRow } from "./ruling-row.js";
import { MAX_FLUSH_CHARS, rulingWeight } from "./ruling-weight.js";

export type SavedRuling = { record: RulingRecord; replayed: boolean };

const keyIdentity = (r: RulingRow) => `key\u0000${r.communityId}\u0000${r.idempotencyKey}`;
const contentIdentity = (r: RulingRow) => `content\u0000${r.communityId}\u0000${r.contentId}\u0000${r.contentHash}`;

/** What makes two evaluation requests "the same": the idempotency key, and the content id with its text. */
function identities(r: RulingRow): string[] {
  const ids: string[] = [];
  if (r.idempotencyKey !== null) ids.push(keyIdentity(r));
  if (r.contentId !== null && r.origin === "evaluation") ids.push(contentIdentity(r));
  return ids;
}

function lookup(map: ReadonlyMap<string, RulingRecord>, row: RulingRow): RulingRecord | undefined {
  for (const id of identities(row)) {
    const found = map.get(id);
    if (found) return found;
  }
  return undefined;
}

function replayOf(record: RulingRecord, existing: RulingRecord): FlushResult<SavedRuling> {
  const sameKey = record.row.idempotencyKey !== null && existing.row.idempotencyKey === record.row.idempotencyKey;
  if (sameKey && existing.row.requestHash !== record.row.requestHash) {
    return {
      ok: false,
      error: new MoresError(
        "idempotency_key_reused",
        `Idempotency-Key "${record.row.idempotencyKey}" was first used for a different request (ruling ${existing.row.id})`,
      ),
    };
  }
  return { ok: true, value: { record: existing, replayed: true } };
}

/**
 * Writes rulings durably before they are answered, grouping concurrent
 * requests into shared transactions (see lib/group-commit.ts). Retries are
 * idempotent: a request with a known Idempotency-Key, or the same content id
 * and text, gets the ruling already recorded. An edit (same content id, new
 * text) is a new ruling that supersedes the previous one.
 */
export class RulingWriter {
  private readonly group: GroupCommit<RulingRecord, SavedRuling>;
  private readonly prepared: boolean;
  private readonly writeTime = new LatencyEstimate();

  constructor(
    private readonly db: Database,
    options: {
      maxBatch: number;
      maxInFlight: number;
      /** The flush's statement as a named prepared statement (postgres.js on a real PostgreSQL session). */
      prepared?: boolean;
    },
    private readonly metrics: Metrics = noMetrics,
  ) {
    this.prepared = options.prepared ?? false;
    // A ruling the database refuses fails alone; the rest of its shared write still commits.
    this.group = new GroupCommit((records) => this.flush(records), {
      maxBatch: options.maxBatch,
      maxInFlight: options.maxInFlight,
      maxWeight: MAX_FLUSH_CHARS,
      weigh: rulingWeight,
      isolate: isDataError,
      observe: (size, seconds) => metrics.groupCommit(size, seconds),
    });
  }

  /** Resolves once the ruling is committed, in the span `mores.ruling.write` (the flush's span links to it). */
  save(record: RulingRecord): Promise<SavedRuling> {
    return inSpan("mores.ruling.write", { "mores.decision": record.row.decision }, async (span) => {
      const saved = await this.saved(record);
      span.setAttribute("mores.replayed", saved.replayed);
      return saved;
    });
  }

  /** How long a save takes at most, as recent saves went (ms; see LatencyEstimate): what a `Prefer: wait` leaves for it. */
  get writeTimeMs(): number {
    return this.writeTime.upper;
  }

  private async saved(record: RulingRecord): Promise<SavedRuling> {
    const started = performance.now();
    const saved = await this.group.submit(record);
    this.writeTime.observe(performance.now() - started);
    if (!saved.replayed) {
      this.metrics.decision(
        saved.record.row.decision,
        saved.record.norms.map((n) => n.normId),
      );
    }
    return saved;
  }

  private async flush(records: RulingRecord[]): Promise<Array<FlushResult<SavedRuling>>> {
    const results: Array<FlushResult<SavedRuling> | undefined> = new Array(records.length);
    // Within the batch, the first request with an identity leads; the others replay it.
    const leaders = new Map<string, number>();
    const followers: Array<[number, number]> = [];
    records.forEach((r, i) => {
      const ids = identities(r.row);
      const leader = ids.map((id) => leaders.get(id)).find((l) => l !== undefined);
      if (leader === undefined) for (const id of ids) leaders.set(id, i);
      else followers.push([i, leader]);
    });
    const followerSet = new Set(followers.map(([i]) => i));
    const toInsert = records.filter((_, i) => !followerSet.has(i));

    // One statement, so one round trip and atomic without BEGIN/COMMIT: the rulings not already recorded (see
    // insert-new-rulings.ts), then the outcomes, the judgments still to come of provisional ones, and the
    // webhook outbox rows of exactly the rulings that were inserted (not replays, not conflicts).
    const pending = toInsert.flatMap((r) => (r.pending ? [r.pending] : []));
    // Its text depends only on whether provisional rulings are in the batch: two prepared statements at most.
    const result = await executeStatement<{ id: string; supersedes: string | null }>(
      this.db,
      sql`
      with inserted as (
        ${insertNewRulings(toInsert.map((r) => r.row))}
        on conflict do nothing returning id, community_id, decision, content_id, supersedes, created_at
      ), ${insertedOutcomes(toInsert)}, ${pending.length > 0 ? sql`${forInsertedRulings("pending", pendingJudgments, pending)},` : sql``}${rulingCreatedEvents}
      select id, supersedes from inserted`,
      this.prepared,
    );
    // An edit's ruling learns here which ruling it superseded.
    const inserted = new Map(result.map((row) => [row.id, row.supersedes]));
    for (const r of toInsert) if (inserted.has(r.row.id)) r.row.supersedes = inserted.get(r.row.id) ?? null;
    // Not inserted: recorded before (or by another process meanwhile, a conflict): replay that ruling.
    const lost = toInsert.filter((r) => !inserted.has(r.row.id));
    const recorded = lost.length > 0 ? await this.recorded(lost.map((r) => r.row)) : undefined;
    records.forEach((r, i) => {
      if (followerSet.has(i)) return;
      if (inserted.has(r.row.id)) results[i] = { ok: true, value: { record: r, replayed: false } };
      else {
        const found = recorded ? lookup(recorded, r.row) : undefined;
        results[i] = found
          ? replayOf(r, found)
          : { ok: false, error: new Error(`ruling ${r.row.id} was neither inserted nor found`) };
      }
    });
    for (const [i, leader] of followers) {
      const led = results[leader];
      results[i] = led?.ok ? replayOf(records[i] as RulingRecord, led.value.record) : led;
    }
    return results as Array<FlushResult<SavedRuling>>;
  }

  /**
   * Rulings already recorded for these rows' idempotency keys or content ids, by identity: their ids from the
   * replay-key table (one probe each, whatever the number of months kept), then the rulings by id (each in its
   * month's partition).
   */
  private async recorded(rows: RulingRow[]): Promise<Map<string, RulingRecord>> {
    const byIdentity = new Map<string, RulingRecord>();
    const keys = rows.flatMap((r) =>
      r.idempotencyKey === null && r.contentId === null
        ? []
        : [{ community: r.communityId, key: r.idempotencyKey, content: r.contentId }],
    );
    if (keys.length === 0) return byIdentity;
    const ids = await rulingIdsByReplayKeys(this.db, keys, this.prepared);
    if (ids.length === 0) return byIdentity;
    // In id order: should two rulings share an identity (a race across a month's boundary), the latest answers.
    const found = await this.db.select().from(rulings).where(inArray(rulings.id, ids)).orderBy(rulings.id);
    const norms = await this.db
      .select()
      .from(rulingNorms)
      .where(
        inArray(
          rulingNorms.rulingId,
          found.map((f) => f.id),
        ),
      );
    for (const row of found) {
      const record = { row, norms: norms.filter((n) => n.rulingId === row.id) };
      for (const id of identities(row)) byIdentity.set(id, record);
    }
    return byIdentity;
  }
}
