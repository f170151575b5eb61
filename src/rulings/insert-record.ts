import type { Database, Transaction } from "../db/client.js";
import { insertRows } from "../db/json-rows.js";
import { rulingNorms, rulings } from "../db/schema/index.js";
import type { RulingRecord } from "./ruling-row.js";

/** Inserts one ruling and its outcomes inside the caller's transaction (decisions by people, not the hot path). */
export async function insertRulingRecord(tx: Database | Transaction, record: RulingRecord): Promise<void> {
  await tx.execute(insertRows(rulings, [record.row]));
  if (record.norms.length > 0) await tx.execute(insertRows(rulingNorms, record.norms));
}
