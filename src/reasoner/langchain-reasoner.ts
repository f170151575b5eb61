import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { JudgmentCause } from "../domain/index.js";
import { parseJudgment } from "./parse-output.js";
import { type JudgmentInput, type JudgmentMeta, type JudgmentResult, PROMPT_VERSION, type Reasoner } from "./port.js";
import { buildPrompt } from "./prompt.js";

/** What went wrong, from the error a provider client threw. */
function causeOf(error: unknown, timedOut: boolean, budgetSpent: boolean): JudgmentCause {
  if (budgetSpent) return "budget_exhausted";
  if (timedOut) return "timeout";
  const e = error as { status?: number; response?: { status?: number }; lc_error_code?: string; name?: string };
  const status = e?.status ?? e?.response?.status;
  if (status === 429 || e?.lc_error_code === "MODEL_RATE_LIMIT") return "rate_limited";
  if (e?.name === "AbortError" || e?.name === "TimeoutError") return "timeout";
  return "provider_error";
}

const textOf = (content: unknown): string =>
  typeof content === "string"
    ? content
    : Array.isArray(content)
      ? content.map((p) => (typeof p === "string" ? p : p?.type === "text" ? String(p.text) : "")).join("")
      : "";

/**
 * The Reasoner through any LangChain chat model (OpenAI and compatible
 * servers, Anthropic, Workers AI). The answer is parsed and validated here,
 * whatever the provider does or does not enforce.
 */
export class LangChainReasoner implements Reasoner {
  constructor(
    private readonly chat: BaseChatModel,
    readonly provider: string,
    readonly model: string,
    private readonly timeoutMs: number,
  ) {}

  async judge(input: JudgmentInput, budget: AbortSignal): Promise<JudgmentResult> {
    const prompt = buildPrompt(input);
    const started = performance.now();
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const meta = (extra: Partial<JudgmentMeta> = {}): JudgmentMeta => ({
      provider: this.provider,
      model: this.model,
      prompt_version: PROMPT_VERSION,
      latency_ms: Math.round(performance.now() - started),
      ...extra,
    });
    try {
      const message = await this.chat.invoke([new SystemMessage(prompt.system), new HumanMessage(prompt.user)], {
        signal: AbortSignal.any([budget, timeout]),
      });
      const u = message.usage_metadata;
      const m = meta(u ? { usage: { input_tokens: u.input_tokens, output_tokens: u.output_tokens } } : {});
      const parsed = parseJudgment(
        textOf(message.content),
        input.candidates.map((c) => c.id),
      );
      if ("error" in parsed) return { ok: false, cause: "invalid_output", detail: parsed.error, meta: m };
      return { ok: true, output: parsed.output, meta: m };
    } catch (error) {
      const cause = causeOf(error, timeout.aborted, budget.aborted);
      const detail =
        cause === "timeout"
          ? `no answer within ${this.timeoutMs} ms`
          : String((error as Error)?.message ?? error).slice(0, 500);
      return { ok: false, cause, detail, meta: meta() };
    }
  }
}
