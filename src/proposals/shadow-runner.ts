import { sql } from "drizzle-orm";
import type { Database } from "../db/client.js";
import { resultRows } from "../db/json-rows.js";
import type { EvaluationRequest, NormPack } from "../domain/index.js";
import type { Logger } from "../lib/logger.js";
import type { JudgedEvaluation } from "../moderation/judge.js";
import type { ActiveNormSet } from "../norms/norm-set-cache.js";
import { compileNormSet } from "../rules/compile.js";
import { compareEvaluations, evaluateWithoutModel, normHash, type RecordedJudgment } from "./counterfactual.js";

type ActiveShadow = { proposalId: string; pack: NormPack; requests: number; until: Date };

const ENDS = [
  "proposal.shadow_started",
  "proposal.shadow_stopped",
  "proposal.adopted",
  "proposal.rejected",
  "proposal.withdrawn",
];

/**
 * Shadow evaluation of live traffic. After a live ruling is recorded (and
 * its answer sent), each proposal in shadow for the community evaluates the
 * same request and records the difference. It reuses the live path's model
 * answers for unchanged norms and never calls a model itself. Which
 * proposals are in shadow is re-read at most every `refreshMs`.
 */
export class ShadowRunner {
  private readonly active = new Map<string, { at: number; list?: ActiveShadow[]; loading?: Promise<ActiveShadow[]> }>();
  private readonly compiled = new Map<string, ReturnType<typeof compileNormSet>>();

  constructor(
    private readonly db: Database,
    private readonly refreshMs: number,
    private readonly logger: Logger,
    private readonly now: () => Date,
  ) {}

  invalidate(community: string): void {
    this.active.delete(community);
  }

  /** Called on the hot path: costs a map lookup unless a proposal is in shadow for the community. */
  observe(
    background: (task: () => Promise<unknown>) => void,
    live: { set: ActiveNormSet; request: EvaluationRequest; evaluation: JudgedEvaluation; rulingId: string },
  ): void {
    const entry = this.active.get(live.set.community);
    if (entry?.list && this.now().getTime() - entry.at < this.refreshMs && entry.list.length === 0) return;
    background(async () => {
      for (const shadow of await this.shadowsOf(live.set.community)) await this.run(shadow, live);
    });
  }

  private async run(
    shadow: ActiveShadow,
    live: { set: ActiveNormSet; request: EvaluationRequest; evaluation: JudgedEvaluation; rulingId: string },
  ): Promise<void> {
    if (this.now() >= shadow.until) return;
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
    const change = compareEvaluations(live.evaluation, await evaluateWithoutModel(proposed, live.request, recorded));
    const differs = change.from !== change.to || change.norms.length > 0;
    // The count check and the insert are one statement, so the window's request limit holds across processes.
    await this.db.execute(sql`
      insert into shadow_results (proposal_id, ruling_id, community_id, live, shadow, differs, norms, created_at)
      select ${shadow.proposalId}, ${live.rulingId}, ${live.set.community}, ${change.from}, ${change.to},
             ${differs}, ${JSON.stringify(change.norms)}::jsonb, ${this.now().toISOString()}::timestamptz
      where (select count(*) from shadow_results where proposal_id = ${shadow.proposalId}) < ${shadow.requests}
      on conflict do nothing`);
  }

  private async shadowsOf(community: string): Promise<ActiveShadow[]> {
    const now = this.now().getTime();
    const entry = this.active.get(community);
    if (entry && now - entry.at < this.refreshMs) return entry.list ?? (await entry.loading) ?? [];
    const loading = this.load(community).catch((e: unknown) => {
      this.logger.error("reading shadow proposals failed", { community, error: String(e) });
      return [];
    });
    const fresh: { at: number; list?: ActiveShadow[]; loading?: Promise<ActiveShadow[]> } = { at: now, loading };
    this.active.set(community, fresh);
    fresh.list = await loading;
    return fresh.list;
  }

  private async load(community: string): Promise<ActiveShadow[]> {
    const rows = await this.db.execute(sql`
      select s.target as proposal_id, s.detail, p.pack
      from audit_events s join proposals p on p.id = s.target
      where s.community_id = ${community} and s.action = 'proposal.shadow_started'
        and not exists (
          select 1 from audit_events e
          where e.community_id = s.community_id and e.target = s.target and e.id > s.id
            and e.action in (${sql.join(
              ENDS.map((a) => sql`${a}`),
              sql`, `,
            )}))`);
    return resultRows<{ proposal_id: string; detail: { requests: number; until: string }; pack: NormPack }>(rows)
      .map((r) => ({
        proposalId: r.proposal_id,
        pack: r.pack,
        requests: r.detail.requests,
        until: new Date(r.detail.until),
      }))
      .filter((s) => s.until > this.now());
  }
}
