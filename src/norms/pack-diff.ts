import type { PackFiles } from "./parse-pack.js";

export type FileDiff = {
  file: string;
  change: "added" | "removed" | "changed";
  added_lines: number;
  removed_lines: number;
  /** Unified diff with 3 lines of context, as `git diff` prints it. */
  patch: string;
};

type Kind = " " | "-" | "+";
type Op = { kind: Kind; text: string; last: boolean };
const CONTEXT = 3;
/**
 * Past this many edits the shortest script is not worth its quadratic memory:
 * the differing middle is shown as removed then added, still a correct patch.
 */
const MAX_EDITS = 2000;

/** Lines of a text; a last line without "\n" is marked so that adding the newline shows as a change. */
function linesOf(text: string | undefined): string[] {
  if (text === undefined || text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  else lines[lines.length - 1] += "\0";
  return lines;
}

/** Myers' O(ND) shortest edit script over interned lines, keeping each round's frontier to walk back. */
function editScript(a: number[], b: number[]): Kind[] | undefined {
  const off = a.length + b.length + 1;
  const v = new Int32Array(2 * off + 1);
  const trace: Int32Array[] = [];
  // From diagonal k, step down (an insertion) from k+1 or right (a deletion) from k-1, whichever reached further.
  const fromAbove = (at: (k: number) => number, k: number, d: number) => k === -d || (k !== d && at(k - 1) < at(k + 1));
  let [x, y, found] = [0, 0, -1];
  for (let d = 0; d <= Math.min(off - 1, MAX_EDITS) && found < 0; d++) {
    trace.push(v.slice(off - d - 1, off + d + 2)); // the frontier before round d, for k in [-d-1, d+1]
    const at = (k: number) => v[off + k] ?? 0;
    for (let k = -d; k <= d && found < 0; k += 2) {
      x = fromAbove(at, k, d) ? at(k + 1) : at(k - 1) + 1;
      for (y = x - k; x < a.length && y < b.length && a[x] === b[y]; y++) x++;
      v[off + k] = x;
      if (x >= a.length && y >= b.length) found = d;
    }
  }
  if (found < 0) return undefined;
  const kinds: Kind[] = [];
  [x, y] = [a.length, b.length];
  for (let d = found; d >= 0; d--) {
    const at = (k: number) => trace[d]?.[k + d + 1] ?? 0;
    const prevK = fromAbove(at, x - y, d) ? x - y + 1 : x - y - 1;
    const prevX = at(prevK);
    for (; x > prevX && y > prevX - prevK; y--, x--) kinds.push(" ");
    if (d > 0) kinds.push(x === prevX ? "+" : "-");
    [x, y] = [prevX, prevX - prevK];
  }
  return kinds.reverse();
}

/** The operations turning `before` into `after`; the common head and tail are set aside first, as most edits are small. */
function diffLines(before: string[], after: string[]): Op[] {
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  const same = (t: number) => before[before.length - 1 - t] === after[after.length - 1 - t];
  while (tail < before.length - head && tail < after.length - head && same(tail)) tail++;
  const a = before.slice(head, before.length - tail);
  const b = after.slice(head, after.length - tail);
  const ids = new Map<string, number>();
  const intern = (s: string) => ids.get(s) ?? ids.set(s, ids.size).size - 1;
  const middle = editScript(a.map(intern), b.map(intern)) ?? [...a.map((): Kind => "-"), ...b.map((): Kind => "+")];
  const kinds = [...Array<Kind>(head).fill(" "), ...middle, ...Array<Kind>(tail).fill(" ")];
  let [i, j] = [0, 0];
  return kinds.map((kind) => {
    const line = (kind === "+" ? after[j] : before[i]) as string;
    if (kind !== "+") i++;
    if (kind !== "-") j++;
    return { kind, text: line.replace(/\0$/, ""), last: line.endsWith("\0") };
  });
}

/** Groups operations into hunks: changes closer than twice the context share one hunk. */
function hunks(ops: Op[]): string[] {
  const out: string[] = [];
  const aAt: number[] = [];
  const bAt: number[] = [];
  let a = 0;
  let b = 0;
  for (const op of ops) {
    aAt.push(a);
    bAt.push(b);
    if (op.kind !== "+") a++;
    if (op.kind !== "-") b++;
  }
  for (let i = 0; i < ops.length; ) {
    const first = ops.findIndex((op, j) => j >= i && op.kind !== " ");
    if (first < 0) break;
    let last = first;
    for (let j = first + 1; j < ops.length && j - last <= 2 * CONTEXT; j++) if (ops[j]?.kind !== " ") last = j;
    const start = Math.max(first - CONTEXT, i);
    const end = Math.min(last + CONTEXT + 1, ops.length);
    const body = ops.slice(start, end);
    const aLen = body.filter((op) => op.kind !== "+").length;
    const bLen = body.filter((op) => op.kind !== "-").length;
    // An empty side names the line before it (0 for an empty file), as diff and git do.
    const aStart = (aAt[start] ?? 0) + (aLen > 0 ? 1 : 0);
    const bStart = (bAt[start] ?? 0) + (bLen > 0 ? 1 : 0);
    out.push(`@@ -${aStart},${aLen} +${bStart},${bLen} @@`);
    for (const op of body) {
      out.push(op.kind + op.text);
      if (op.last) out.push("\\ No newline at end of file");
    }
    i = end;
  }
  return out;
}

/**
 * What changed between two versions of a pack's files, file by file, sorted
 * by path; unchanged files are left out. Each patch is a unified diff a
 * reviewer can read (or `git apply`) before a pack goes live.
 */
export function diffPackFiles(before: PackFiles, after: PackFiles): FileDiff[] {
  const paths = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return paths.flatMap((file): FileDiff[] => {
    const old = before[file];
    const now = after[file];
    if (old === now) return [];
    const ops = diffLines(linesOf(old), linesOf(now));
    const change = old === undefined ? "added" : now === undefined ? "removed" : "changed";
    const header = [
      old === undefined ? "--- /dev/null" : `--- a/${file}`,
      now === undefined ? "+++ /dev/null" : `+++ b/${file}`,
    ];
    return [
      {
        file,
        change,
        added_lines: ops.filter((op) => op.kind === "+").length,
        removed_lines: ops.filter((op) => op.kind === "-").length,
        patch: `${[...header, ...hunks(ops)].join("\n")}\n`,
      },
    ];
  });
}

export function summariseDiff(d: FileDiff[]): { files: number; added_lines: number; removed_lines: number } {
  return {
    files: d.length,
    added_lines: d.reduce((n, f) => n + f.added_lines, 0),
    removed_lines: d.reduce((n, f) => n + f.removed_lines, 0),
  };
}
