import { RE2JS } from "re2js";
import { type Gate, gateOf, mayMatch } from "./pattern-gate.js";
import { MAX_GATED, openPatterns, type PatternGates, patternGates } from "./pattern-gates.js";

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

/** Backreferences (`\1`, `\k<name>`) and lookaround (`(?=`, `(?!`, `(?<=`, `(?<!`), read escape by escape. */
function needsBacktracking(regex: string): boolean {
  for (let i = 0; i < regex.length; i++) {
    const c = regex[i];
    if (c === "\\") {
      const next = regex[++i] ?? "";
      if (/[1-9k]/.test(next)) return true;
    } else if (c === "(" && /^\?(?:[=!]|<[=!])/.test(regex.slice(i + 1, i + 5))) return true;
  }
  return false;
}

/**
 * Why a pattern cannot be used, said for a norm editor; undefined when it can.
 * It must be valid JavaScript (what editors write and test against) and run
 * on RE2 with the same meaning: RE2 would read `\k<name>` as plain letters, so
 * backreferences and lookaround are refused by name before RE2 is asked.
 */
export function patternProblem(regex: string, flags = "u"): string | undefined {
  try {
    new RegExp(regex, flags);
  } catch (e) {
    return `not a valid regular expression: ${(e as Error).message}`;
  }
  if (needsBacktracking(regex))
    return "cannot run in linear time: backreferences and lookaround (?= ?! ?<= ?<!) are not supported, because matching them can take time exponential in the text";
  try {
    compilePattern(regex, flags);
    return undefined;
  } catch (e) {
    return `cannot run in linear time: the linear-time engine (RE2) does not support it: ${(e as Error).message}`;
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
  /** Each pattern's own gate, read in one pass (see pattern-gates.ts); null past MAX_GATED patterns. */
  private readonly gates: PatternGates | null;
  private readonly any: RE2JS | undefined;
  /** Characters a text needs before any pattern can match (see pattern-gate.ts). */
  private readonly gate: Gate | null;

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
    const first = this.any ?? this.each[0]?.re;
    this.gate = first ? gateOf(first) : null;
    // Only for a set with a gate: with a pattern every text may match (the machine shapes' "end of data"),
    // one scan more would save no pass.
    this.gates = this.gate && this.each.length <= MAX_GATED ? patternGates(this.each.map((p) => gateOf(p.re))) : null;
  }

  /** Ids of the patterns found in `text`, in pack order. */
  matching(text: string): string[] {
    if (this.each.length === 0) return [];
    // Only the patterns whose own gate the text passes can match: a text with a URL has the url pattern's
    // characters, seldom an address's digits. Each RE2 pass skipped is a pass over the whole text. (One scan
    // reads every gate, the set's own among them.)
    const open = this.gates ? openPatterns(this.gates, text) : this.gate && !mayMatch(this.gate, text) ? 0 : -1;
    if (open === 0) return [];
    // One such pattern is asked directly; the combined pass first rejects, in one pass, a text that several
    // could match and none does.
    const single = open > 0 && (open & (open - 1)) === 0;
    if (!single && this.any && !this.any.test(text)) return [];
    return this.each.filter((p, k) => (open & (1 << k)) !== 0 && p.re.test(text)).map((p) => p.id);
  }
}
