import type { ProposalView } from "../proposals/proposal-view.js";

/** Changed rulings listed one by one; the rest are counted (the report itself lists up to 100). */
const LISTED = 20;

/** The parts of a proposal (as `POST …/proposals` returns it) that the text shows. */
export type ProposalForText = Pick<
  ProposalView,
  "id" | "title" | "status" | "base_version" | "adopted_version" | "report"
>;
type Report = ProposalView["report"];

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function changeLines(c: Report["changes"]): string[] {
  const lines: string[] = [];
  for (const [what, items] of [
    ["norms", c.norms],
    ["lexicons", c.lexicons],
  ] as const) {
    const parts = (["changed", "added", "removed"] as const)
      .filter((k) => items[k].length > 0)
      .map((k) => `${k} ${items[k].join(", ")}`);
    if (parts.length > 0) lines.push(`  ${what}: ${parts.join("; ")}`);
  }
  for (const part of ["manifest", "groups", "patterns"] as const) if (c[part]) lines.push(`  ${part} changed`);
  return lines.length > 0 ? lines : ["  none: the pack equals the base version"];
}

function diffLines(d: Report["diff"], patches: boolean): string[] {
  const s = d.summary;
  const lines = [`diff: ${plural(s.files, "file")}, +${s.added_lines} -${s.removed_lines}`];
  const width = Math.max(0, ...d.files.map((f) => f.file.length));
  for (const f of d.files)
    lines.push(`  ${f.change.padEnd(7)}  ${f.file.padEnd(width)}  +${f.added_lines} -${f.removed_lines}`);
  if (patches) for (const f of d.files) lines.push("", f.patch.trimEnd());
  else if (d.files.length > 0) lines.push("  (--diff prints the patches)");
  return lines;
}

function exampleLines(e: Report["examples"]): string[] {
  const lines = [`examples: ${e.passed} of ${e.total} passed${e.failed.length ? `, ${e.failed.length} failed` : ""}`];
  // Numbered from 1, as the blocking reasons number them.
  for (const f of e.failed)
    lines.push(`  FAIL ${f.norm} example ${f.index + 1}: ${f.why}`, `       ${JSON.stringify(f.text)}`);
  return lines;
}

function replayLines(r: Report["replay"]): string[] {
  const lines = [
    `replay: ${plural(r.considered, "recent ruling")} considered, ${r.replayed} replayed, ` +
      `${r.skipped_without_text} skipped (no text kept); ${r.changed} would change`,
  ];
  const transitions = Object.entries(r.transitions).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
  for (const [t, n] of transitions) lines.push(`  ${t}: ${n}`);
  for (const c of r.changes.slice(0, LISTED)) {
    const norms = c.norms.map((n) => `${n.norm} ${n.from} → ${n.to}`).join(", ");
    lines.push(`  ${c.ruling_id}  ${c.from} → ${c.to}${norms ? `  (${norms})` : ""}`);
  }
  const unlisted = r.changed - Math.min(r.changes.length, LISTED);
  if (unlisted > 0) lines.push(`  … and ${unlisted} more`);
  return lines;
}

/**
 * A proposal and its report as plain text for a terminal or a pull-request
 * comment: what changes, the diff in numbers (the patches when `diff` is
 * set), failing examples, the replay of recent rulings, and whether it can be
 * adopted — and if not, why. Pure, so it is tested without a service.
 */
export function proposalReportText(p: ProposalForText, options: { diff?: boolean } = {}): string {
  const r = p.report;
  const adopted = p.adopted_version === null ? "" : ` as version ${p.adopted_version}`;
  return [
    `proposal ${p.id} ${JSON.stringify(p.title)}: ${p.status}${adopted}`,
    `base version: ${r.base_version}`,
    "changes:",
    ...changeLines(r.changes),
    ...diffLines(r.diff, options.diff ?? false),
    ...exampleLines(r.examples),
    ...replayLines(r.replay),
    `adoptable: ${r.adoptable ? "yes" : "no"}`,
    ...r.blocking.map((b) => `  - ${b}`),
  ].join("\n");
}
