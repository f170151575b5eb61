import type { pendingJudgments, rulingNorms, rulings } from "../db/schema/index.js";

export type RulingRow = typeof rulings.$inferSelect;
export type RulingNormRow = typeof rulingNorms.$inferSelect;

export type PendingJudgmentRow = typeof pendingJudgments.$inferSelect;

/**
 * A ruling ready to be written: its row and its per-norm outcomes, and for a
 * provisional ruling the judgment still to come (written with it, atomically).
 */
export type RulingRecord = { row: RulingRow; norms: RulingNormRow[]; pending?: PendingJudgmentRow };
