import { SimpleChatModel } from "@langchain/core/language_models/chat_models";
import type { BaseMessage } from "@langchain/core/messages";

/** The slice of the Workers AI binding (`env.AI`) the reasoner uses. */
export type AiBinding = {
  run(
    model: string,
    input: { messages: Array<{ role: string; content: string }>; temperature?: number },
  ): Promise<unknown>;
};

const ROLE: Record<string, string> = { system: "system", human: "user", ai: "assistant" };

/**
 * A LangChain chat model over the Workers AI binding, so a Worker reasons
 * without an API token or a round trip through the public REST API. The
 * reasoner treats it like any other chat model: same prompt, same parsing.
 */
export class ChatWorkersAIBinding extends SimpleChatModel {
  constructor(
    private readonly binding: AiBinding,
    private readonly model: string,
  ) {
    super({});
  }

  _llmType(): string {
    return "workers-ai-binding";
  }

  async _call(messages: BaseMessage[]): Promise<string> {
    const answer = await this.binding.run(this.model, {
      messages: messages.map((m) => ({ role: ROLE[m.getType()] ?? "user", content: String(m.content) })),
      temperature: 0,
    });
    const text = (answer as { response?: unknown }).response;
    if (typeof text !== "string") throw new Error("Workers AI answered without a text response");
    return text;
  }
}
