import { ChatAnthropic } from "@langchain/anthropic";
import { ChatCloudflareWorkersAI } from "@langchain/cloudflare";
import { ChatOpenAI } from "@langchain/openai";
import type { ReasonerConfig } from "../config/config.js";
import { LangChainReasoner } from "./langchain-reasoner.js";
import { noReasoner, type Reasoner } from "./port.js";
import { type AiBinding, ChatWorkersAIBinding } from "./workers-ai-binding.js";

/**
 * The configured reasoner. Temperature 0: the same question should get the
 * same answer, and the judgment cache assumes it.
 */
export function createReasoner(c: ReasonerConfig, bindings: { ai?: AiBinding } = {}): Reasoner {
  switch (c.provider) {
    case "none":
      return noReasoner;
    case "openai":
      // Any OpenAI-compatible server (vLLM, llama.cpp, Ollama, LM Studio) through REASONER_BASE_URL.
      return new LangChainReasoner(
        new ChatOpenAI({
          model: c.model,
          apiKey: c.apiKey ?? "unused",
          temperature: 0,
          maxRetries: c.maxRetries,
          timeout: c.timeoutMs,
          ...(c.baseUrl ? { configuration: { baseURL: c.baseUrl } } : {}),
        }),
        "openai",
        c.model,
        c.timeoutMs,
      );
    case "anthropic":
      return new LangChainReasoner(
        new ChatAnthropic({
          model: c.model,
          ...(c.apiKey ? { apiKey: c.apiKey } : {}),
          temperature: 0,
          maxRetries: c.maxRetries,
          ...(c.baseUrl ? { anthropicApiUrl: c.baseUrl } : {}),
        }),
        "anthropic",
        c.model,
        c.timeoutMs,
      );
    case "workers-ai":
      // Inside a Worker with an AI binding, the binding; elsewhere the REST API with an account and token.
      if (bindings.ai)
        return new LangChainReasoner(
          new ChatWorkersAIBinding(bindings.ai, c.model),
          "workers-ai",
          c.model,
          c.timeoutMs,
        );
      return new LangChainReasoner(
        new ChatCloudflareWorkersAI({
          model: c.model,
          ...(c.accountId ? { cloudflareAccountId: c.accountId } : {}),
          ...(c.apiKey ? { cloudflareApiToken: c.apiKey } : {}),
          ...(c.baseUrl ? { baseUrl: c.baseUrl } : {}),
          maxRetries: c.maxRetries,
        }),
        "workers-ai",
        c.model,
        c.timeoutMs,
      );
  }
}
