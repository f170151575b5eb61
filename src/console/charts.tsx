/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";

/*
 * Charts drawn on the server as SVG: no chart library, nothing to load, the
 * same on Workers. Each chart is an image with a title and a description, and
 * its numbers are also in text next to it (colour is never the only cue).
 * Fills have at least 3:1 contrast against white (WCAG 1.4.11).
 */
export const PALETTE: Record<string, string> = {
  allow: "#1d6b2f",
  label: "#6a4c93",
  hide: "#b35c00",
  remove: "#a11d1d",
  review: "#0b4f9c",
  rules: "#1f2d3d",
  model: "#6a4c93",
  people: "#0b4f9c",
};
const colourOf = (key: string) => PALETTE[key] ?? "#4a4a4a";

/** An SVG image named by its title and described by its numbers, for screen readers. */
function Figure(props: { id: string; title: string; desc: string; width: number; height: number; children?: Child }) {
  const { id, width, height } = props;
  return (
    <svg
      role="img"
      aria-labelledby={`${id}-t ${id}-d`}
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
    >
      <title id={`${id}-t`}>{props.title}</title>
      <desc id={`${id}-d`}>{props.desc || "no data"}</desc>
      {props.children}
    </svg>
  );
}

export type Bar = { label: string; value: number; text: string; key?: string };

/** Horizontal bars, one per row, scaled to `max` (default: the largest value). */
export function BarChart({ id, title, bars, max }: { id: string; title: string; bars: Bar[]; max?: number }) {
  const row = 26;
  const labelWidth = 180;
  const width = 640;
  const scale = max ?? Math.max(1, ...bars.map((b) => b.value));
  const height = Math.max(row, bars.length * row) + 8;
  return (
    <Figure
      id={id}
      title={title}
      width={width}
      height={height}
      desc={bars.map((b) => `${b.label}: ${b.text}`).join("; ")}
    >
      {bars.map((b, i) => {
        const w = scale > 0 ? ((width - labelWidth - 90) * b.value) / scale : 0;
        const y = 4 + i * row;
        return (
          <g>
            <text x={0} y={y + 16}>
              {b.label}
            </text>
            <rect x={labelWidth} y={y + 3} width={Math.max(w, 1)} height={row - 8} fill={colourOf(b.key ?? b.label)} />
            <text x={labelWidth + w + 6} y={y + 16}>
              {b.text}
            </text>
          </g>
        );
      })}
    </Figure>
  );
}

export type Column = { label: string; parts: Array<{ key: string; value: number }> };

/** Stacked columns over time (one per day), with a legend in text. */
export function StackedColumns({ id, title, columns }: { id: string; title: string; columns: Column[] }) {
  const height = 200;
  const base = height - 24;
  const width = Math.max(320, columns.length * 22 + 40);
  const top = Math.max(1, ...columns.map((c) => c.parts.reduce((n, p) => n + p.value, 0)));
  const keys = [...new Set(columns.flatMap((c) => c.parts.map((p) => p.key)))];
  return (
    <>
      <Figure
        id={id}
        title={title}
        width={width}
        height={height}
        desc={columns
          .filter((c) => c.parts.length > 0)
          .map((c) => `${c.label}: ${c.parts.map((p) => `${p.value} ${p.key}`).join(", ")}`)
          .join("; ")}
      >
        <text x={0} y={12}>
          {`max ${top}`}
        </text>
        {columns.map((c, i) => {
          let y = base;
          return (
            <g>
              {c.parts.map((p) => {
                const h = ((base - 20) * p.value) / top;
                y -= h;
                return <rect x={30 + i * 22} y={y} width={16} height={h} fill={colourOf(p.key)} />;
              })}
              {(columns.length - 1 - i) % 7 === 0 && (
                <text x={30 + i * 22} y={height - 6}>
                  {c.label.slice(5)}
                </text>
              )}
            </g>
          );
        })}
      </Figure>
      <ul class="legend" aria-label="Legend">
        {keys.map((k) => (
          <li>
            <svg width="12" height="12" aria-hidden="true">
              <rect width="12" height="12" fill={colourOf(k)} />
            </svg>{" "}
            {k}
          </li>
        ))}
      </ul>
    </>
  );
}
