import { describe, expect, it } from "vitest";
import { createReasoner } from "../../src/reasoner/providers.js";
import type { AiBinding } from "../../src/reasoner/workers-ai-binding.js";
import { pack } from "../helpers/packs.js";

/**
 * The Workers AI binding exists only inside a deployed Worker, so these
 * tests script the binding object itself (the one place mores cannot run the
 * real part) and check what the reasoner does with its answers.
 */
function scriptedBinding(answer: () => unknown): AiBinding & { calls: Array<{ model: string; input: unknown }> } {
  const calls: Array<{ model: string; input: unknown }> = [];
  return {
    calls,
    run: async (model, input) => {
      calls.push({ model, input });
      return answer();
    },
  };
}

async function judgeWith(binding: AiBinding) {
  const { pack: p } = await pack("norms/default");
  const norm = p.norms.find((n) => n.id === "slurs");
  if (!norm) throw new Error("the default pack has a slurs norm");
  const reasoner = createReasoner(
    { provider: "workers-ai", model: "@cf/meta/llama-3.1-8b-instruct", timeoutMs: 1000, maxRetries: 0 },
    { ai: binding },
  );
  return reasoner.judge(
    {
      norm,
      candidates: [{ id: "in-group-reclamation", description: "reclaimed", evidence: [] }],
      content: "Proud faggot here.",
      author: { groups: ["gay"] },
      precedents: [],
    },
    AbortSignal.timeout(5000),
  );
}

describe("the Workers AI binding as the reasoner's chat model", () => {
  it("sends the system and user prompt to the bound model at temperature 0, and parses its answer", async () => {
    const binding = scriptedBinding(() => ({
      response: JSON.stringify({
        verdict: "exception_applies",
        exception: "in-group-reclamation",
        confidence: 0.9,
        rationale: "self-description",
      }),
    }));
    const result = await judgeWith(binding);
    expect(result).toMatchObject({
      ok: true,
      output: { verdict: "exception_applies" },
      meta: { provider: "workers-ai" },
    });
    const sent = binding.calls[0]?.input as { messages: Array<{ role: string; content: string }>; temperature: number };
    expect(binding.calls[0]?.model).toBe("@cf/meta/llama-3.1-8b-instruct");
    expect(sent.temperature).toBe(0);
    expect(sent.messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect(sent.messages[1]?.content).toContain("Proud faggot here.");
  });

  it("an answer without text, or a failing binding, leaves the case to a person", async () => {
    const empty = await judgeWith(scriptedBinding(() => ({})));
    const failing = await judgeWith(
      scriptedBinding(() => {
        throw new Error("AiError: capacity");
      }),
    );
    for (const r of [empty, failing]) expect(r.ok).toBe(false);
  });
});
