import type { JudgmentCause, JudgmentOutput, Norm } from "../domain/index.js";

/** One structured question: does this content undermine what the norm protects, or does an exception apply? */
export type JudgmentInput = {
  norm: Norm;
  /** The exceptions the rules could not rule out, each with the rule evidence that made it plausible. */
  candidates: Array<{ id: string; description: string; evidence: string[] }>;
  content: string;
  /** groups: the pack's group ids only (never the platform's free text); role: shown as data. */
  author?: { groups?: string[]; role?: string };
  parent?: string;
  /** Earlier decisions on the same norm and exception, most relevant first. */
  precedents: Array<{ id: string; summary: string }>;
};

export type JudgmentMeta = {
  provider: string;
  model: string;
  prompt_version: string;
  latency_ms: number;
  usage?: { input_tokens: number; output_tokens: number };
};

export type JudgmentResult =
  | { ok: true; output: JudgmentOutput; meta: JudgmentMeta }
  | { ok: false; cause: JudgmentCause; detail: string; meta: JudgmentMeta };

/**
 * The reasoner port. Implementations never throw: every failure is a result
 * with a cause, which the caller turns into `needs_review` — never into a
 * silent allow or removal.
 */
export interface Reasoner {
  readonly provider: string;
  readonly model: string;
  judge(input: JudgmentInput, signal: AbortSignal): Promise<JudgmentResult>;
}

export const PROMPT_VERSION = "judge-v2";

/** The do-nothing reasoner: no provider configured. Every judgment goes to a person. */
export const noReasoner: Reasoner = {
  provider: "none",
  model: "none",
  judge: async () => ({
    ok: false,
    cause: "no_reasoner",
    detail: "no reasoner is configured: a moderator reviews it",
    meta: { provider: "none", model: "none", prompt_version: PROMPT_VERSION, latency_ms: 0 },
  }),
};
