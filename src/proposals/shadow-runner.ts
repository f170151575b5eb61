import { sql } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { insertRows, resultRows } from "../db/json-rows.js";
import { shadowResults } from "../db/schema/index.js";
import type { EvaluationRequest, NormPack } from "../domain/index.js";
import { errorFields } from "../lib/error-fields.js";
import type { Logger } from "../lib/logger.js";
import type { JudgedEvaluation } from "../moderation/settle-pending.js";
import type { ActiveNormSet } from "../norms/norm-set-cache.js";
import { compileNormSet } from "../rules/compile.js";
import {
  compareEvaluations,
  evaluateWithoutModel,
  normHash,
  type RecordedJudgment,
  sameFacts,
} from "./counterfactual.js";
import { SHADOW_ENDS } from "./shadow-view.js";

/** What outlives a request: which proposals are in shadow, their compiled packs, and how many requests each took. */
export type ShadowMemory = {
  active: Map<string, { at: number; list?: ActiveShadow[]; loading?: Promise<ActiveShadow[]> }>;
  compiled: Map<string, ReturnType<typeof compileNormSet>>;
  taken: Map<string, number>;
};
export const shadowMemory = (): ShadowMemory => ({ active: new Map(), compiled: new Map(), taken: new Map() });

type ActiveShadow = { proposalId: string; pack: NormPack; requests: number; until: Date };
type Live = { set: ActiveNormSet; request: EvaluationRequest; evaluation: JudgedEvaluation; rulingId: string };

/** A later start also ends an earlier run: its window replaces the earlier one. */
const ENDS = ["proposal.shadow_started", ...SHADOW_ENDS];
/** Results are written in batches, so a shadow run costs the database one insert per batch, not per request. */
const FLUSH_ROWS = 500;
const FLUSH_MS = 50;

/**
 * Shadow evaluation of live traffic. After a live ruling is recorded (and
 * its answer sent), each proposal in shadow for the community evaluates the
 * same request and records the difference. It reuses the live path's model
 * answers for unchanged norms and never calls a model itself. Which
 * proposals are in shadow is re-read at most every `refreshMs`; a run's
 * request count is kept in memory (seeded from the database on each re-read),
 * so a process stops recording at the limit without asking the database.
 */
export class ShadowRunner {
  private readonly active: ShadowMemory["active"];
  private readonly compiled: ShadowMemory["compiled"];
  private readonly taken: ShadowMemory["taken"];
  private buffer: Array<typeof shadowResults.$inferInsert> = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly refreshMs: number,
    private readonly logger: Logger,
    private readonly now: () => Date,
    memory: ShadowMemory = shadowMemory(),
    /** 0: write each task's results before it ends (Workers, where nothing may outlive the request's waitUntil). */
    private readonly flushMs = FLUSH_MS,
  ) {
    this.active = memory.active;
    this.compiled = memory.compiled;
    this.taken = memory.taken;
  }

  invalidate(community: string): void {
    this.active.delete(community);
  }

  /** Called on the hot path: costs a map lookup unless a proposal is in shadow for the community. */
  observe(background: (task: () => Promise<unknown>) => void, live: Live): void {
    const entry = this.active.get(live.set.community);
    if (entry?.list && this.now().getTime() - entry.at < this.refreshMs && entry.list.length === 0) return;
    background(async () => {
      for (const shadow of await this.shadowsOf(live.set.community)) await this.run(shadow, live);
      if (this.flushMs === 0) await this.flush();
    });
  }

  /** Writes what is buffered; the service calls it before closing the database. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const rows = this.buffer;
    this.buffer = [];
    if (rows.length > 0)
      this.flushing = this.flushing.then(() =>
        this.db.execute(sql`${insertRows(shadowResults, rows)} on conflict do nothing`).then(
          () => undefined,
          (e: unknown) =>
            this.logger.error("recording shadow results failed", { rows: rows.length, ...errorFields(e) }),
        ),
      );
    return this.flushing;
  }

  private async run(shadow: ActiveShadow, live: Live): Promise<void> {
    const taken = this.taken.get(shadow.proposalId) ?? 0;
    if (taken >= shadow.requests || this.now() >= shadow.until) return;
    this.taken.set(shadow.proposalId, taken + 1);
    let compiled = this.compiled.get(shadow.proposalId);
    if (!compiled) {
      compiled = compileNormSet(shadow.pack);
      this.compiled.set(shadow.proposalId, compiled);
    }
    const recorded = new Map<string, RecordedJudgment>();
    for (const [normId, record] of Object.entries(live.evaluation.judgments)) {
      const norm = live.set.pack.norms.find((n) => n.id === normId);
      if (record.output && norm) recorded.set(normId, { normHash: normHash(norm), output: record.output });
    }
    const proposed = { ...live.set, pack: shadow.pack, compiled };
    const known = sameFacts(live.set.pack, shadow.pack) ? live.evaluation : undefined;
    const change = compareEvaluations(
      live.evaluation,
      await evaluateWithoutModel(proposed, live.request, recorded, known),
    );
    this.buffer.push({
      proposalId: shadow.proposalId,
      rulingId: live.rulingId,
      communityId: live.set.community,
      live: change.from,
      shadow: change.to,
      differs: change.from !== change.to || change.norms.length > 0,
      norms: change.norms,
      createdAt: this.now(),
    });
    if (this.buffer.length >= FLUSH_ROWS) void this.flush();
    else if (!this.timer && this.flushMs > 0) {
      this.timer = setTimeout(() => void this.flush(), this.flushMs);
      this.timer.unref?.();
    }
  }

  private async shadowsOf(community: string): Promise<ActiveShadow[]> {
    const now = this.now().getTime();
    const entry = this.active.get(community);
    if (entry && now - entry.at < this.refreshMs) return entry.list ?? (await entry.loading) ?? [];
    const loading = this.load(community).catch((e: unknown) => {
      this.logger.error("reading shadow proposals failed", { community, ...errorFields(e) });
      return [];
    });
    const fresh: { at: number; list?: ActiveShadow[]; loading?: Promise<ActiveShadow[]> } = { at: now, loading };
    this.active.set(community, fresh);
    fresh.list = await loading;
    return fresh.list;
  }

  private async load(community: string): Promise<ActiveShadow[]> {
    const rows = await this.db.execute(sql`
      select s.target as proposal_id, s.detail, p.pack,
             (select count(*) from shadow_results r where r.proposal_id = s.target)::int as recorded
      from audit_events s join proposals p on p.id = s.target
      where s.community_id = ${community} and s.action = 'proposal.shadow_started'
        and not exists (
          select 1 from audit_events e
          where e.community_id = s.community_id and e.target = s.target and e.id > s.id
            and e.action in (${sql.join(
              ENDS.map((a) => sql`${a}`),
              sql`, `,
            )}))`);
    type Row = { proposal_id: string; detail: { requests: number; until: string }; pack: NormPack; recorded: number };
    return resultRows<Row>(rows)
      .map((r) => {
        // Other processes record too: never count below what the database already holds.
        this.taken.set(r.proposal_id, Math.max(this.taken.get(r.proposal_id) ?? 0, r.recorded));
        return {
          proposalId: r.proposal_id,
          pack: r.pack,
          requests: r.detail.requests,
          until: new Date(r.detail.until),
        };
      })
      .filter((s) => s.until > this.now());
  }
}
