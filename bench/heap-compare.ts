import { readFileSync } from "node:fs";

/**
 * Object counts of a V8 heap snapshot by type and constructor name, and the
 * difference between two snapshots: what a leak leaves behind shows as a
 * count that grows with the work done.
 */
export type HeapCounts = Map<string, { count: number; bytes: number }>;

type Snapshot = {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
};

export function heapCounts(file: string): HeapCounts {
  const snap = JSON.parse(readFileSync(file, "utf8")) as Snapshot;
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = ["type", "name", "self_size"].map((f) => fields.indexOf(f)) as [
    number,
    number,
    number,
  ];
  const counts: HeapCounts = new Map();
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt] as number] as string;
    // A string's "name" is its content: group strings by type only, so the report shows no data.
    const name =
      type === "string" || type === "concatenated string" || type === "sliced string"
        ? ""
        : snap.strings[snap.nodes[i + nameAt] as number];
    const key = `${type}:${name}`;
    const entry = counts.get(key) ?? { count: 0, bytes: 0 };
    entry.count++;
    entry.bytes += snap.nodes[i + sizeAt] as number;
    counts.set(key, entry);
  }
  return counts;
}

/** The `top` kinds of object whose retained bytes grew most from `before` to `after`. */
export function heapGrowth(before: HeapCounts, after: HeapCounts, top = 15) {
  return [...after]
    .map(([key, a]) => {
      const b = before.get(key) ?? { count: 0, bytes: 0 };
      return { key, count: a.count - b.count, bytes: a.bytes - b.bytes };
    })
    .sort((x, y) => y.bytes - x.bytes)
    .slice(0, top);
}
