import type { RulingRecord } from "./ruling-row.js";

/**
 * About how much text one group-commit flush of rulings writes at most (GroupCommit's maxWeight): one 64 KiB text
 * with its facts and evidence, or about a hundred ordinary rulings.
 */
export const MAX_FLUSH_CHARS = 256_000;

/**
 * A ruling's size in characters, roughly and cheaply (no JSON.stringify): its text twice (as sent and folded
 * into the facts), the parent's, and a few hundred characters per evidence match, outcome and the rest.
 */
export function rulingWeight({ row, norms }: RulingRecord): number {
  const text = row.contentText?.length ?? 0;
  const facts = (row.facts as { text?: string }).text?.length ?? 0;
  const parent = (row.context as { parent?: { text?: string } } | null)?.parent?.text?.length ?? 0;
  return 2_000 + text + facts + parent + 200 * ((row.evidence as unknown[]).length + norms.length);
}
