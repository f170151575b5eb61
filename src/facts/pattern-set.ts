import { RE2JS } from "re2js";

/**
 * Norm patterns run on RE2 (re2js, pure JavaScript, so the same on Node and
 * Workers): matching time is linear in the text whatever an editor writes.
 * V8's backtracking engine took seconds on `(a+)+$` at 30 characters and on
 * the default pack's url pattern over `a-a-a-…`; RE2 has no such inputs.
 * The price is that RE2 has no backreferences and no lookaround, the two
 * features that need backtracking: such a pattern is refused when a pack is
 * checked, with the reason.
 */

/** JavaScript flag letters → RE2 flags. `u` is RE2's only mode (it always reads code points). */
const FLAGS: Record<string, number> = {
  i: RE2JS.CASE_INSENSITIVE,
  m: RE2JS.MULTILINE,
  s: RE2JS.DOTALL,
  u: 0,
};

/** Compiles one pattern for the linear-time engine; throws with RE2's reason when it cannot. */
export function compilePattern(regex: string, flags = "u"): RE2JS {
  let bits = 0;
  for (const f of flags) bits |= FLAGS[f] ?? 0;
  return RE2JS.compile(RE2JS.translateRegExp(regex), bits);
}

/** Why a pattern cannot run in linear time, said for a norm editor; undefined when it can. */
export function patternProblem(regex: string, flags?: string): string | undefined {
  try {
    compilePattern(regex, flags);
    return undefined;
  } catch (e) {
    const reason = (e as Error).message;
    if (/\(\?[=!<]|\\[1-9]|\\k</.test(regex))
      return `cannot run in linear time: lookahead, lookbehind and backreferences are not supported, because matching them can take time exponential in the text (${reason})`;
    return `not a valid regular expression: ${reason}`;
  }
}

/**
 * A pack's patterns, built once per norm-set version. One combined
 * expression answers "does any pattern match?" in a single DFA pass; only
 * the texts that do (about one in ten of real traffic) pay for the
 * individual patterns.
 */
export class PatternSet {
  private readonly each: ReadonlyArray<{ id: string; re: RE2JS }>;
  private readonly any: RE2JS | undefined;

  constructor(patterns: ReadonlyArray<{ id: string; regex: string; flags?: string | undefined }>) {
    // A stored pattern the engine cannot compile (adopted before patterns were checked) never matches,
    // rather than making every evaluation of the community fail.
    this.each = patterns.flatMap((p) => {
      try {
        return [{ id: p.id, re: compilePattern(p.regex, p.flags) }];
      } catch {
        return [];
      }
    });
    // Flags differ per pattern, so each alternative carries its own as an inline group.
    const inline = (p: { regex: string; flags?: string | undefined }) =>
      `(?${[...new Set(p.flags ?? "")].filter((f) => f !== "u").join("")}:${RE2JS.translateRegExp(p.regex)})`;
    const usable = patterns.filter((p) => this.each.some((e) => e.id === p.id));
    this.any = usable.length > 1 ? RE2JS.compile(usable.map(inline).join("|")) : undefined;
  }

  /** Ids of the patterns found in `text`, in pack order. */
  matching(text: string): string[] {
    if (this.each.length === 0 || (this.any && !this.any.test(text))) return [];
    return this.each.filter((p) => p.re.test(text)).map((p) => p.id);
  }
}
