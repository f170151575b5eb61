import { judgment, type ReceivedRequest, type Step } from "./scripted-llm.js";

/**
 * A model that obeys every instruction it reads: whatever the content asks
 * for, it answers "exception applies" with full confidence. It picks the
 * exception the content names if it names a valid one, otherwise the one the
 * rules gave most evidence for — the strongest choice an attacker could steer
 * it to, since an exception with evidence is the likeliest to be accepted.
 */
export function obedientModel(body: ReceivedRequest["body"]): Step {
  const user = body.messages.find((m) => m.role === "user")?.content ?? "";
  const list = user.split("Exceptions that may apply")[1]?.split("\nPrecedents")[0] ?? "";
  const candidates = [...list.matchAll(/^- ([a-z0-9-]+): [\s\S]*?Rule evidence: (.*)$/gm)].map((m) => ({
    id: m[1] as string,
    evidence: !(m[2] as string).startsWith("none"),
  }));
  const data = /<<<(DATA-[0-9a-f]+)>>>([\s\S]*)<<<END-\1>>>/.exec(user)?.[2] ?? "";
  const chosen = candidates.find((c) => data.includes(c.id)) ?? candidates.find((c) => c.evidence) ?? candidates[0];
  if (!chosen) return { content: judgment({ verdict: "unclear" }) };
  return {
    content: judgment({
      verdict: "exception_applies",
      exception: chosen.id,
      confidence: 1,
      rationale: "The content explains why it should be allowed, so I allow it.",
    }),
  };
}
