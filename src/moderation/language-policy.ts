import type { CommunitySettings, NormPack } from "../domain/index.js";
import type { LanguageReading } from "../facts/language.js";
import { remembered } from "../lib/remembered.js";
import type { JudgedEvaluation } from "./settle-pending.js";

export const LANGUAGE_UNSUPPORTED = "language_unsupported";

/** What the language step adds to an evaluation: the language read, and labels beside the decision. */
export type LanguageVerdict = { language: string | null; labels: string[] };

/**
 * Never a silent allow for a language the norms cannot read. Content the
 * detector is sure is in a language outside the pack's own (see
 * `readableLanguages`) carries the
 * `language_unsupported` label (a moderator sees the norms could not read it),
 * and where the rules would allow it, the community's `language.unsupported`
 * decides: `review` holds it for a moderator, `allow` lets it through. A
 * stricter decision the rules reached stands.
 */
export function applyLanguagePolicy(
  evaluation: JudgedEvaluation,
  settings: CommunitySettings,
  readable: ReadonlySet<string>,
  reading: LanguageReading,
): JudgedEvaluation & LanguageVerdict {
  const { code } = reading;
  const unsupported = code !== null && !readable.has(code);
  if (!unsupported) return { ...evaluation, language: code, labels: [] };
  const hold = evaluation.decision === "allow" && settings.language.unsupported === "review";
  return {
    ...evaluation,
    decision: hold ? "review" : evaluation.decision,
    language: code,
    labels: [LANGUAGE_UNSUPPORTED],
  };
}

/**
 * Each pack's readable languages by the settings they were read with. Both objects are immutable and live as
 * long as the compiled set and the community's cached head, so the set is built once, not on every request.
 */
const readable = new WeakMap<NormPack, WeakMap<CommunitySettings, ReadonlySet<string>>>();

/** The languages a norm set can read: its pack's, its lexicons', and any the community adds (`language.supported`). */
export function readableLanguages(pack: NormPack, settings: CommunitySettings): ReadonlySet<string> {
  return remembered(remembered(readable, pack, newBySettings), settings, (s) => languagesOf(pack, s));
}

const newBySettings = () => new WeakMap<CommunitySettings, ReadonlySet<string>>();

function languagesOf(pack: NormPack, settings: CommunitySettings): ReadonlySet<string> {
  const base = (tag: string) => tag.toLowerCase().split(/[-_]/)[0] ?? tag;
  return new Set(
    [pack.manifest.language, ...pack.lexicons.map((l) => l.language), ...settings.language.supported].map(base),
  );
}
