import type { RE2JS } from "re2js";
import { isAsciiLetter, isAsciiSpace } from "./char-codes.js";

/**
 * Characters every match of a compiled pattern must contain, read from RE2's program: a text with none of
 * them cannot match, so it skips the RE2 pass (re2js's own prefilter knows literal strings only, so a
 * pattern set with one alternative like `\d{3}-\d{4}` ran the whole pass on every text). Most chat has no
 * digit, `.`, `:` or `@` in it, which a pack's url, e-mail, phone and address patterns all need.
 *
 * The set is found as a cut of the program: every path from the start to a match goes through an
 * instruction that consumes only characters of the set. It starts as every ASCII character that is neither a
 * letter nor white space (those are in every text: a gate needing one is worth nothing), and characters are
 * dropped one by one while the cut still holds. A non-ASCII character in a text runs RE2 (the set speaks of ASCII
 * only) unless the gate is `strict`: no instruction of the cut takes any non-ASCII character. Null when no such set exists.
 */
export type Gate = {
  /** The cut's characters: `chars[c]` is 1 for each. */
  chars: Uint8Array;
  /**
   * What may come right after each of them in a match: `follows[c * 128 + n]` is 1 when ASCII `n` may follow
   * `c`; `ends[c]` when a match may end at `c`. Read from the instructions after the cut's (see followOf): a
   * sentence's full stop, followed by a space or the end of the text, then runs no pattern that needs a
   * "." before "com" or a digit.
   */
  follows: Uint8Array;
  ends: Uint8Array;
  /**
   * The cut holds with every non-ASCII character outside it too (no instruction of the cut takes one): a text
   * of emoji or of another script with none of the cut's characters then skips RE2 as well.
   */
  strict: boolean;
};

// re2js's instruction codes (Inst in re2js): the program is read, never changed.
const ALT = 1;
const ALT_MATCH = 2;
const CAPTURE = 3;
const EMPTY_WIDTH = 4;
const FAIL = 5;
const MATCH = 6;
const NOP = 7;
const RUNE = 8;
const RUNE1 = 9;
const RUNE_ANY = 10;
const RUNE_ANY_NOT_NL = 11;
const FOLD_CASE = 1;

type Inst = { op: number; out: number; arg: number; runes: ArrayLike<number> };
type Prog = { start: number; inst: Inst[] };

/** Whether the instruction consumes only characters of `chars` (or non-ASCII ones, unless `strict`). */
function consumesOnly(inst: Inst, chars: Uint8Array, strict: boolean): boolean {
  const runes = inst.runes;
  if (inst.op === RUNE1 || (inst.op === RUNE && runes.length === 1)) {
    const r = runes[0] as number;
    if (r >= 128) return !strict;
    // A folded letter also reads its other case: letters are never in the set.
    if (inst.arg & FOLD_CASE && isAsciiLetter(r)) return false;
    return chars[r] === 1;
  }
  if (inst.op !== RUNE || runes.length === 0 || runes.length % 2 !== 0) return false;
  for (let k = 0; k < runes.length; k += 2) {
    if (strict && (runes[k + 1] as number) >= 128) return false;
    for (let c = runes[k] as number; c <= (runes[k + 1] as number) && c < 128; c++) if (chars[c] !== 1) return false;
  }
  return true;
}

/**
 * Walks the program from `pc` along the instructions that consume nothing, handing each consuming one it meets
 * to `past`, which says whether the walk goes on after it. "match" when a match is reached, null on an
 * instruction this reading does not know (lookbehind and the like: no gate), else "no match".
 */
function walk(prog: Prog, pc: number, past: (inst: Inst) => boolean): "match" | "no match" | null {
  const seen = new Uint8Array(prog.inst.length);
  const stack = [pc];
  while (stack.length > 0) {
    const at = stack.pop() as number;
    if (seen[at]) continue;
    seen[at] = 1;
    const inst = prog.inst[at];
    if (!inst) return null;
    if (inst.op === MATCH) return "match";
    if (inst.op === FAIL) continue;
    if (inst.op === ALT || inst.op === ALT_MATCH) stack.push(inst.out, inst.arg);
    else if (inst.op === CAPTURE || inst.op === EMPTY_WIDTH || inst.op === NOP) stack.push(inst.out);
    else if (inst.op >= RUNE && inst.op <= RUNE_ANY_NOT_NL) {
      if (past(inst)) stack.push(inst.out);
    } else return null;
  }
  return "no match";
}

/** Whether a match is reachable from the start without consuming a character of `chars`; null on an unknown instruction. */
function reachesMatch(prog: Prog, chars: Uint8Array, strict = false): boolean | null {
  const reached = walk(prog, prog.start, (inst) => !consumesOnly(inst, chars, strict));
  return reached === null ? null : reached === "match";
}

/** The gate of a compiled pattern, or null when every text must run it. */
export function gateOf(re: RE2JS): Gate | null {
  const prog = (re as unknown as { re2Input?: { prog?: Prog } }).re2Input?.prog;
  if (!prog || !Array.isArray(prog.inst)) return null;
  const chars = Uint8Array.from({ length: 128 }, (_, c) => (isAsciiLetter(c) || isAsciiSpace(c) ? 0 : 1));
  if (reachesMatch(prog, chars) !== false) return null;
  for (let c = 0; c < 128; c++) {
    if (chars[c] !== 1) continue;
    chars[c] = 0;
    if (reachesMatch(prog, chars) !== false) chars[c] = 1;
  }
  const follows = new Uint8Array(128 * 128);
  const ends = new Uint8Array(128);
  // Every path to a match consumes a character at one of the cut's instructions; the character after it is
  // consumed by an instruction reachable from there without consuming (or the match ends there).
  for (const inst of prog.inst) {
    if (inst.op < RUNE || inst.op > RUNE_ANY_NOT_NL || !consumesOnly(inst, chars, false)) continue;
    const next = followOf(prog, inst.out);
    for (let c = 0; c < 128; c++) {
      if (chars[c] !== 1 || !consumes(inst, c)) continue;
      if (next === null) {
        ends[c] = 1;
        follows.fill(1, c * 128, c * 128 + 128);
      } else for (let n = 0; n < 128; n++) if (next[n] === 1) follows[c * 128 + n] = 1;
    }
  }
  // The same characters, asked again with non-ASCII ones outside: a folded letter of the cut could take one
  // ("k" and the Kelvin sign), but letters are never in it.
  return { chars, follows, ends, strict: reachesMatch(prog, chars, true) === false };
}

/** Whether the instruction may consume ASCII `c` (a folded letter reads both cases). */
function consumes(inst: Inst, c: number): boolean {
  if (inst.op === RUNE_ANY || inst.op === RUNE_ANY_NOT_NL) return true;
  const runes = inst.runes;
  const other = isAsciiLetter(c) ? c ^ 32 : c;
  const fold = (inst.arg & FOLD_CASE) !== 0;
  if (inst.op === RUNE1 || runes.length === 1) return runes[0] === c || (fold && runes[0] === other);
  // Ranges come in pairs; anything else is read as taking every character (a wider follow is only slower).
  if (runes.length % 2 !== 0) return true;
  for (let k = 0; k + 1 < runes.length; k += 2) {
    const lo = runes[k] as number;
    const hi = runes[k + 1] as number;
    if ((c >= lo && c <= hi) || (fold && other >= lo && other <= hi)) return true;
  }
  return false;
}

/**
 * The ASCII characters the first instruction consuming after `pc` may take, over every path that consumes
 * nothing to get there; null when a match can end before anything is consumed (then anything, or the end of
 * the text, may follow) or an instruction is one this reading does not know.
 */
function followOf(prog: Prog, pc: number): Uint8Array | null {
  const next = new Uint8Array(128);
  const reached = walk(prog, pc, (inst) => {
    for (let n = 0; n < 128; n++) if (consumes(inst, n)) next[n] = 1;
    return false;
  });
  return reached === "no match" ? next : null;
}

/**
 * Whether the text has a character of the gate followed by one that may follow it in a match (or ending the
 * text where a match may end there), or any non-ASCII character unless the gate is strict: only then can the
 * pattern match.
 */
export function mayMatch(gate: Gate, text: string): boolean {
  const { chars, follows, ends } = gate;
  const last = text.length - 1;
  for (let i = 0; i <= last; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) {
      if (gate.strict) continue;
      return true;
    }
    if (chars[c] !== 1) continue;
    if (i === last) return ends[c] === 1;
    const n = text.charCodeAt(i + 1);
    if (n >= 128 || follows[c * 128 + n] === 1) return true;
  }
  return false;
}
