import type { Comparison } from "./compare.js";
import { type Report, type Scored, worst } from "./score.js";

const pct = (part: number, whole: number) => (whole === 0 ? "    -" : `${((100 * part) / whole).toFixed(1)}%`);
const ratio = (part: number, whole: number) => `${part}/${whole}`.padStart(11);
const clip = (s: string, n: number) => {
  const one = s.replace(/\s+/g, " ");
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
};

/** The labels a category holds: "hateful", "non-hateful", "mixed" or "-". */
function labelsOf(report: Report, category: string): string {
  const labels = new Set(report.scored.filter((s) => s.category === category).map((s) => s.label ?? "-"));
  return labels.size === 1 ? ([...labels][0] as string) : "mixed";
}

function summaryLines(r: Report): string[] {
  const { hateful: h, nonHateful: nh, expected: ex } = r.summary;
  return [
    `${r.summary.cases} cases, judged by ${r.runner}`,
    `  hateful caught (block or review)  ${ratio(h.caught, h.n)}  ${pct(h.caught, h.n).padStart(6)}   (blocked ${pct(h.blocked, h.n)}, review ${pct(h.reviewed, h.n)})`,
    `  non-hateful blocked               ${ratio(nh.blocked, nh.n)}  ${pct(nh.blocked, nh.n).padStart(6)}   (review ${pct(nh.reviewed, nh.n)})`,
    ...(ex.n > 0
      ? [`  expected decision met             ${ratio(ex.met, ex.n)}  ${pct(ex.met, ex.n).padStart(6)}`]
      : []),
    `  review share                      ${ratio(r.summary.reviews, r.summary.cases)}  ${pct(r.summary.reviews, r.summary.cases).padStart(6)}`,
  ];
}

function exampleLines(title: string, list: Scored[]): string[] {
  if (list.length === 0) return [];
  return [
    "",
    title,
    ...list.map(
      (s) =>
        `  [${s.category}] ${s.result.decision.padEnd(6)} ${clip(s.text, 90)}  (${s.source}${s.result.norms.length ? `; ${s.result.norms.join(", ")}` : ""})`,
    ),
  ];
}

/** The report for people: headline figures, per-category and per-group tables, the worst failures. */
export function reportText(r: Report, examples: number): string {
  const width = Math.max(8, ...r.categories.map((c) => c.category.length));
  const lines = [...summaryLines(r), ""];
  lines.push(`${"category".padEnd(width)}      n  label        allow  review   block   ok`);
  for (const c of r.categories)
    lines.push(
      `${c.category.padEnd(width)} ${String(c.n).padStart(6)}  ${labelsOf(r, c.category).padEnd(11)} ${pct(c.allow, c.n).padStart(6)}  ${pct(c.review, c.n).padStart(6)}  ${pct(c.block, c.n).padStart(6)}  ${pct(c.met, c.judged).padStart(6)}`,
    );
  lines.push(
    "  (ok: share that met its expectation — hateful not allowed, non-hateful not blocked, expected decision met)",
  );
  if (r.groups.length > 0) {
    const gw = Math.max(5, ...r.groups.map((g) => g.group.length));
    lines.push("", `${"group".padEnd(gw)}  hateful caught        non-hateful blocked`);
    for (const g of r.groups)
      lines.push(
        `${g.group.padEnd(gw)}  ${ratio(g.caught, g.hateful)} ${pct(g.caught, g.hateful).padStart(6)}  ${ratio(g.blocked, g.nonHateful)} ${pct(g.blocked, g.nonHateful).padStart(6)}`,
      );
  }
  const w = worst(r, examples);
  lines.push(...exampleLines("hateful, allowed:", w.hatefulAllowed));
  lines.push(...exampleLines("non-hateful, blocked:", w.nonHatefulBlocked));
  lines.push(...exampleLines("expected decision missed:", w.expectedMissed));
  return `${lines.join("\n")}\n`;
}

/** Two norm sets side by side: headline figures of each, per-category shares and ok, the changed cases. */
export function comparisonText(c: Comparison, examples: number): string {
  const lines = ["A:", ...summaryLines(c.a).map((l) => `  ${l}`), "B:", ...summaryLines(c.b).map((l) => `  ${l}`), ""];
  const width = Math.max(8, ...c.categories.map((x) => x.category.length));
  lines.push(`${"category".padEnd(width)}      n   allow A→B        review A→B       block A→B         ok A→B`);
  const pair = (a: number, b: number, n: number) =>
    `${pct(a, n).padStart(6)}→${pct(b, n).padStart(6)}${b === a ? "    " : ` ${b > a ? "+" : "-"}${Math.abs(b - a)}`.padEnd(4)}`;
  for (const x of c.categories)
    lines.push(
      `${x.category.padEnd(width)} ${String(x.a.n).padStart(6)}  ${pair(x.a.allow, x.b.allow, x.a.n)}  ${pair(x.a.review, x.b.review, x.a.n)}  ${pair(x.a.block, x.b.block, x.a.n)}  ${pct(x.a.met, x.a.judged).padStart(6)}→${pct(x.b.met, x.b.judged).padStart(6)}`,
    );
  lines.push(
    "  (shares of each category's cases under A → under B; +n/-n: cases gained or lost)",
    "",
    `${c.changed.length} cases changed decision: ${c.fixed} fixed, ${c.broken} broken, ${c.changed.length - c.fixed - c.broken} moved`,
  );
  for (const kind of ["broken", "fixed", "moved"] as const) {
    const list = c.changed.filter((x) => x.change === kind).slice(0, examples);
    if (list.length === 0) continue;
    lines.push(`${kind}:`);
    for (const x of list)
      lines.push(
        `  [${x.case.category}] ${x.case.label ?? x.case.expected ?? "-"}: ${x.a.decision} → ${x.b.decision}  ${clip(x.case.text, 80)}  (${x.case.source})`,
      );
  }
  return `${lines.join("\n")}\n`;
}
