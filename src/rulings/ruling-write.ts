import { rowJson } from "../db/json-rows.js";
import { rulings } from "../db/schema/index.js";
import type { PendingJudgmentRow, RulingNormRow, RulingRecord, RulingRow } from "./ruling-row.js";

/** The columns read while a ruling is written and answered: its identities and its summary. */
export type RulingHead = Pick<
  RulingRow,
  | "id"
  | "communityId"
  | "decision"
  | "origin"
  | "contentId"
  | "contentHash"
  | "idempotencyKey"
  | "requestHash"
  | "supersedes"
  | "appealUntil"
>;

/**
 * A ruling on its way to the database, as a request holds it while its group commit is in flight: the row
 * serialised once (one flat string, `supersedes` left out for the writer to add) and its head. Holding the row
 * itself kept every waiting request's facts, evidence and trace (hundreds of small objects each, ~50 requests
 * waiting at a time) alive through each young-generation GC, which traced and copied them all.
 */
export type RulingWrite = {
  head: RulingHead;
  rowJson: string;
  norms: RulingNormRow[];
  pending?: PendingJudgmentRow;
  /** About how many characters the flush writes for it (see RulingWriter's maxWeight). */
  weight: number;
};

/**
 * A ruling's size in characters, roughly and cheaply: its text twice (as sent and folded into the facts), the
 * parent's, and a few hundred characters per evidence match, outcome and the rest.
 */
function approximateSize({ row, norms }: RulingRecord): number {
  const text = row.contentText?.length ?? 0;
  const facts = (row.facts as { text?: string }).text?.length ?? 0;
  const parent = (row.context as { parent?: { text?: string } } | null)?.parent?.text?.length ?? 0;
  return 2_000 + text + facts + parent + 200 * ((row.evidence as unknown[]).length + norms.length);
}

export function rulingWrite(record: RulingRecord): RulingWrite {
  const { row, norms, pending } = record;
  return {
    head: {
      id: row.id,
      communityId: row.communityId,
      decision: row.decision,
      origin: row.origin,
      contentId: row.contentId,
      contentHash: row.contentHash,
      idempotencyKey: row.idempotencyKey,
      requestHash: row.requestHash,
      supersedes: row.supersedes,
      appealUntil: row.appealUntil,
    },
    rowJson: rowJson(rulings, row, "supersedes"),
    norms,
    ...(pending ? { pending } : {}),
    weight: approximateSize(record),
  };
}

/** The row's JSON as inserted: with the ruling it supersedes, once the writer knows it. */
export const writtenRowJson = ({ head, rowJson }: RulingWrite): string =>
  head.supersedes === null ? rowJson : `{"supersedes":${JSON.stringify(head.supersedes)},${rowJson.slice(1)}`;
