import { backends } from "./backends.js";
import { type ScriptedLlm, startScriptedLlm } from "./scripted-llm.js";
import { startService, type TestService } from "./service.js";

/**
 * The Node service on a fresh PGlite, judging through the real LangChain
 * client against a scripted OpenAI-compatible model (no retries). `env` adds
 * or overrides variables.
 */
export async function startJudgedService(
  env: Record<string, string> = {},
): Promise<{ svc: TestService; llm: ScriptedLlm }> {
  const [pglite] = backends();
  const llm = await startScriptedLlm();
  const svc = await startService(pglite as NonNullable<typeof pglite>, {
    REASONER_PROVIDER: "openai",
    REASONER_MODEL: "scripted-judge",
    REASONER_BASE_URL: llm.url,
    REASONER_API_KEY: "test-key",
    REASONER_MAX_RETRIES: "0",
    ...env,
  });
  return { svc, llm };
}
