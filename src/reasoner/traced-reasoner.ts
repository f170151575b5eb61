import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { inSpan } from "../lib/tracing.js";
import type { Reasoner } from "./port.js";

/**
 * The configured reasoner, traced: each model call is a client span
 * `mores.model_call` with the provider, the model, the norm asked about and
 * how the call ended (`ok`, or its cause: timeout, provider_error, …); a
 * failed call marks the span failed. The reasoner never throws, so the
 * outcome is read from its result. No content or prompt goes on the span.
 */
export function tracedReasoner(reasoner: Reasoner): Reasoner {
  return {
    provider: reasoner.provider,
    model: reasoner.model,
    judge: (input, signal) =>
      inSpan(
        "mores.model_call",
        {
          "gen_ai.provider.name": reasoner.provider,
          "gen_ai.request.model": reasoner.model,
          "mores.norm": input.norm.id,
        },
        async (span) => {
          const result = await reasoner.judge(input, signal);
          span.setAttribute("mores.judgment.outcome", result.ok ? "ok" : result.cause);
          if (result.meta.usage) {
            span.setAttributes({
              "gen_ai.usage.input_tokens": result.meta.usage.input_tokens,
              "gen_ai.usage.output_tokens": result.meta.usage.output_tokens,
            });
          }
          if (result.ok) span.setAttribute("mores.judgment.verdict", result.output.verdict);
          else span.setStatus({ code: SpanStatusCode.ERROR, message: result.cause });
          return result;
        },
        { kind: SpanKind.CLIENT },
      ),
  };
}
