import type { Services } from "../context.js";
import type { Norm, Ruling } from "../domain/index.js";
import { getNorm } from "../norms/read-norms.js";
import { type PrecedentRow, relevantPrecedents } from "../precedents/find-precedents.js";
import { listQueue, type QueueItem } from "../reviews/queue.js";
import { loadRulingRecord, supersededBy } from "../rulings/load-record.js";
import { rulingView } from "../rulings/ruling-view.js";

/** How many queued cases the case page looks through for its place in the queue (and j / k neighbours). */
const QUEUE_WINDOW = 200;

export type EngagedNorm = { outcome: Ruling["norms"][number]; norm: Norm | null; precedents: PrecedentRow[] };

export type CaseData = {
  ruling: Ruling;
  parent: string | null;
  engaged: EngagedNorm[];
  supersededBy: string | null;
  /** Its entry in the review queue, or null when it is not waiting for review. */
  queued: QueueItem | null;
  previous: string | null;
  next: string | null;
};

/**
 * Everything a moderator reads about one ruling, gathered through the same
 * verbs the API uses: the ruling, each engaged norm at the version the ruling
 * cites, the precedents the reasoner itself would be shown, and where it sits
 * in the queue.
 */
export async function loadCase(ctx: Services, community: string, id: string): Promise<CaseData> {
  const record = await loadRulingRecord(ctx.db, community, id);
  const ruling = rulingView(record.row, record.norms);
  const parent = (record.row.context as { parent?: { text?: string } } | null)?.parent?.text ?? null;
  const terms = ruling.evidence.map((e) => e.term);
  const engaged = await Promise.all(
    ruling.norms.map(async (outcome): Promise<EngagedNorm> => {
      const history = await getNorm(ctx, community, outcome.id).catch(() => null);
      const version = history?.versions.find((v) => v.version === outcome.version) ?? history?.versions.at(-1);
      const precedents = await relevantPrecedents(ctx.db, {
        community,
        normId: outcome.id,
        exceptions: (outcome.candidates ?? []).map((c) => c.exception),
        terms,
        facts: ruling.facts,
      });
      return { outcome, norm: version?.norm ?? null, precedents };
    }),
  );
  const queue = await listQueue(ctx, community, { limit: QUEUE_WINDOW });
  const at = queue.data.findIndex((q) => q.ruling.id === id);
  return {
    ruling,
    parent,
    engaged,
    supersededBy: await supersededBy(ctx.db, id),
    queued: at >= 0 ? (queue.data[at] ?? null) : null,
    previous: at > 0 ? (queue.data[at - 1]?.ruling.id ?? null) : null,
    next: at >= 0 ? (queue.data[at + 1]?.ruling.id ?? null) : null,
  };
}
