import { errorFields } from "../lib/error-fields.js";
import type { Logger } from "../lib/logger.js";

/** Where mores may ask for classifier scores itself (MORES_SIGNALS_OPENAI_*). */
export type OutsideSignalsConfig = { baseUrl: string; apiKey: string; model: string; timeoutMs: number };

/** Scores from a classifier mores calls, as signals; `{}` when there is none or it failed. */
export type OutsideSignals = (text: string) => Promise<Record<string, number>>;

export const noOutsideSignals: OutsideSignals = async () => ({});

/** `harassment/threatening` → `openai_harassment_threatening`: a signal name norms can write. */
export const openaiSignalName = (category: string) => `openai_${category.replace(/[^a-z0-9]+/g, "_")}`;

/**
 * OpenAI's moderation endpoint as a signal source: each category score
 * becomes the fact `signals.openai_<category>`. A failure, a timeout or an
 * answer of the wrong shape leaves every such fact absent — and an absent
 * fact holds no condition, so it can never turn into an allow by itself.
 * Called before the evaluation, never inside a transaction.
 */
export function openaiModerationSignals(
  config: OutsideSignalsConfig,
  logger: Logger,
  fetcher: typeof fetch = fetch,
): OutsideSignals {
  const url = `${config.baseUrl.replace(/\/+$/, "")}/moderations`;
  return async (text) => {
    try {
      const res = await fetcher(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${config.apiKey}` },
        body: JSON.stringify({ model: config.model, input: text }),
        signal: AbortSignal.timeout(config.timeoutMs),
      });
      if (!res.ok) throw new Error(`moderation signals: HTTP ${res.status}`);
      const body = (await res.json()) as { results?: Array<{ category_scores?: Record<string, unknown> }> };
      const scores = body.results?.[0]?.category_scores;
      if (!scores || typeof scores !== "object") throw new Error("moderation signals: no category_scores");
      const out: Record<string, number> = {};
      for (const [category, value] of Object.entries(scores))
        if (typeof value === "number" && value >= 0 && value <= 1) out[openaiSignalName(category)] = value;
      return out;
    } catch (e) {
      logger.warn("outside signals unavailable; their facts stay absent", errorFields(e));
      return {};
    }
  };
}
