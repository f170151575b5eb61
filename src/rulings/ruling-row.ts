import type { rulingNorms, rulings } from "../db/schema/index.js";

export type RulingRow = typeof rulings.$inferSelect;
export type RulingNormRow = typeof rulingNorms.$inferSelect;

/** A ruling ready to be written: its row and its per-norm outcomes. */
export type RulingRecord = { row: RulingRow; norms: RulingNormRow[] };
