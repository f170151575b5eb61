import type { EvaluationRequest, Facts, NormResult, RulingOutcome, RulingStatus } from "../domain/index.js";
import { canonicalJson, sha256 } from "../lib/hash.js";
import { newId } from "../lib/ids.js";
import { LANGUAGE_UNSUPPORTED, type LanguageVerdict, readableLanguages } from "../moderation/language-policy.js";
import type { JudgedEvaluation } from "../moderation/settle-pending.js";
import type { ActiveNormSet } from "../norms/norm-set-cache.js";
import { recordedEvidence } from "./recorded-evidence.js";
import type { RulingNormRow, RulingRecord } from "./ruling-row.js";

const DAY_MS = 86_400_000;

function outcomeOf(r: NormResult): RulingOutcome {
  return r.outcome === "needs_judgment" ? "needs_review" : r.outcome;
}

/**
 * The facts as recorded when the community keeps only the text's hash. (Where it keeps text, a spread copy: the
 * same keys in the same order, `text` first as computeFacts builds them, about a tenth of the cost of a
 * `{ text, ...rest }` copy, whose rest goes through V8's slow property-copying path on every request.)
 */
function withoutText(facts: Facts): Omit<Facts, "text"> {
  const { text: _text, ...rest } = facts;
  return rest;
}

/**
 * Turns an evaluation into the immutable record of a ruling: the exact norm
 * versions it cites, the facts and rule traces behind each outcome, and the
 * text only if the community keeps text.
 */
export function buildRulingRecord(input: {
  set: ActiveNormSet;
  request: EvaluationRequest;
  evaluation: JudgedEvaluation & Partial<LanguageVerdict>;
  idempotencyKey?: string;
  /** Record only the text's hash, even where the community keeps text. */
  hashOnly?: boolean;
  now: Date;
  /** `pending_judgment` for a provisional ruling answered before the model did. */
  status?: RulingStatus;
}): RulingRecord {
  const { set, request, evaluation, now } = input;
  const id = newId("rul", now.getTime());
  const keepText = set.settings.text_retention === "store" && !input.hashOnly;
  const evidence = recordedEvidence(evaluation.evidence, evaluation.evidence_omitted);
  const norms: RulingNormRow[] = evaluation.norms.map((r, position) => ({
    rulingId: id,
    communityId: set.community,
    normId: r.norm,
    normVersion: set.normVersions.get(r.norm) ?? 0,
    title: r.title,
    outcome: outcomeOf(r),
    exception: r.exception ?? null,
    candidates: r.candidates ?? null,
    // Judgment not settled by reasoning becomes review by a person: never a guess.
    cause:
      r.outcome === "needs_judgment"
        ? (evaluation.causes[r.norm] ?? "context must decide: a moderator reviews it")
        : (evaluation.causes[r.norm] ?? null),
    judgment: evaluation.judgments[r.norm] ?? null,
    action: r.action,
    severity: r.severity,
    position,
  }));
  return {
    row: {
      id,
      communityId: set.community,
      normSetVersion: set.version,
      decision: evaluation.decision,
      status: input.status ?? "final",
      contentId: request.content.id ?? null,
      contentKind: request.content.kind ?? null,
      contentHash: sha256(request.content.text),
      contentText: keepText ? request.content.text : null,
      // Only an idempotency key needs the whole request compared; content ids compare the text hash.
      requestHash: input.idempotencyKey ? sha256(canonicalJson(request)) : "",
      idempotencyKey: input.idempotencyKey ?? null,
      author: request.author ?? null,
      context: keepText ? (request.context ?? null) : null,
      facts: keepText ? { ...evaluation.facts } : withoutText(evaluation.facts),
      evidence: keepText ? evidence.kept : evidence.kept.map(({ excerpt: _e, ...rest }) => rest),
      trace: {
        norms: Object.fromEntries(evaluation.norms.map((r) => [r.norm, r.trace])),
        pending: evaluation.pending,
        work: evaluation.work,
        // Matches past the evidence a ruling records (see recorded-evidence.ts).
        ...(evidence.omitted > 0 ? { evidence_omitted: evidence.omitted } : {}),
        // Why a ruling carries a label: what was read, and the policy that decided.
        ...(evaluation.labels?.includes(LANGUAGE_UNSUPPORTED)
          ? {
              language: {
                detected: evaluation.language,
                supported: [...readableLanguages(set.pack, set.settings)],
                policy: set.settings.language.unsupported,
              },
            }
          : {}),
      },
      origin: "evaluation",
      supersedes: null,
      language: evaluation.language ?? null,
      labels: evaluation.labels?.length ? evaluation.labels : null,
      createdAt: now,
      appealUntil: new Date(now.getTime() + set.settings.appeal_window_days * DAY_MS),
    },
    norms,
  };
}
