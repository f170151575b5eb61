/** @jsxImportSource hono/jsx */
import type { Ruling } from "../domain/index.js";

type Piece = { text: string; marked: boolean; label?: string };

/**
 * The text cut at its evidence spans (UTF-16 offsets, as the API gives
 * them): overlapping or touching spans merge into one highlight, spans out
 * of range are clipped, so any ruling renders.
 */
export function pieces(text: string, evidence: Ruling["evidence"]): Piece[] {
  const spans = evidence
    .map((e) => ({
      from: Math.max(0, e.span[0]),
      to: Math.min(text.length, e.span[1]),
      label: `${e.category}: ${e.term}`,
    }))
    .filter((s) => s.to > s.from)
    .sort((a, b) => a.from - b.from);
  const merged: typeof spans = [];
  for (const s of spans) {
    const last = merged.at(-1);
    if (last && s.from <= last.to) {
      last.to = Math.max(last.to, s.to);
      if (!last.label.includes(s.label)) last.label += `; ${s.label}`;
    } else merged.push({ ...s });
  }
  const out: Piece[] = [];
  let at = 0;
  for (const s of merged) {
    if (s.from > at) out.push({ text: text.slice(at, s.from), marked: false });
    out.push({ text: text.slice(s.from, s.to), marked: true, label: s.label });
    at = s.to;
  }
  if (at < text.length) out.push({ text: text.slice(at), marked: false });
  return out;
}

/** The content with its evidence in <mark>, each mark titled with what matched (read by screen readers too). */
export function HighlightedText({ text, evidence }: { text: string; evidence: Ruling["evidence"] }) {
  return (
    <blockquote class="text">
      {pieces(text, evidence).map((p) => (p.marked ? <mark title={p.label}>{p.text}</mark> : p.text))}
    </blockquote>
  );
}
