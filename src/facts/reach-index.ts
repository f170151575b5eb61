/**
 * "Is there a match of this kind within reach of that one?" in logarithmic time. The context analysis asks it
 * for every hostile term, homonym and identity term of a sentence, against its negations, person references,
 * fixed expressions and reporting verbs; a 64 KiB text with no sentence end is one sentence, and walking one
 * list per term made it quadratic ("you dog, …", 80 ms) or worse ("not only vermin …", 17 s). Short lists,
 * as in every ordinary sentence, are still walked: an index costs more than it saves there.
 */
type Span = { readonly first: number; readonly last: number };

/** Up to this many, a list is walked; past it, indexed once (the list never changes once built). */
const WALK = 16;

type Index = {
  /** `last` of every span, ascending. */
  lasts: Int32Array;
  /** `first` of every span, ascending, and the greatest `last` among the spans up to each. */
  firsts: Int32Array;
  maxLast: Int32Array;
};

const indexes = new WeakMap<readonly Span[], Index>();

function indexOf(list: readonly Span[]): Index {
  let index = indexes.get(list);
  if (index) return index;
  // Lists are nearly always in text order already (a sentence's matches of one kind): sorting 10,000 spans
  // with a comparator was most of the index's cost, for nothing.
  const byFirst = ascending(list, (s) => s.first) ? list : [...list].sort((a, b) => a.first - b.first);
  const firsts = new Int32Array(byFirst.length);
  const maxLast = new Int32Array(byFirst.length);
  let max = -1;
  for (let i = 0; i < byFirst.length; i++) {
    const s = byFirst[i] as Span;
    firsts[i] = s.first;
    max = Math.max(max, s.last);
    maxLast[i] = max;
  }
  const lasts = Int32Array.from(list, (s) => s.last);
  if (!ascending(list, (s) => s.last)) lasts.sort();
  index = { lasts, firsts, maxLast };
  indexes.set(list, index);
  return index;
}

function ascending(list: readonly Span[], key: (s: Span) => number): boolean {
  for (let i = 1; i < list.length; i++) if (key(list[i] as Span) < key(list[i - 1] as Span)) return false;
  return true;
}

/** The number of values in ascending `values` that are at most `x`. */
function countAtMost(values: Int32Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether some span starts at or before `startsBy` and ends at or after `endsFrom`. */
export function anyOverlapping(list: readonly Span[], startsBy: number, endsFrom: number): boolean {
  if (list.length <= WALK) return list.some((s) => s.first <= startsBy && s.last >= endsFrom);
  const { firsts, maxLast } = indexOf(list);
  const n = countAtMost(firsts, startsBy);
  return n > 0 && (maxLast[n - 1] as number) >= endsFrom;
}

/** Whether some span ends within [from, to]. */
export function anyEndingIn(list: readonly Span[], from: number, to: number): boolean {
  if (list.length <= WALK) return list.some((s) => s.last >= from && s.last <= to);
  const { lasts } = indexOf(list);
  const before = countAtMost(lasts, from - 1);
  return before < lasts.length && (lasts[before] as number) <= to;
}
