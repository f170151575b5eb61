import { type JudgmentOutput, judgmentOutputSchema } from "../domain/index.js";

/**
 * Validates what a model answered. Anything but a well-formed object whose
 * exception is one of the norm's candidates counts as invalid: the caller
 * then sends the case to a person.
 */
export function parseJudgment(
  text: string,
  candidates: readonly string[],
): { output: JudgmentOutput } | { error: string } {
  const trimmed = text
    .trim()
    .replace(/^```(?:json)?\s*/i, "")
    .replace(/\s*```$/, "");
  const start = trimmed.indexOf("{");
  const end = trimmed.lastIndexOf("}");
  if (start < 0 || end <= start) return { error: "the answer holds no JSON object" };
  let value: unknown;
  try {
    value = JSON.parse(trimmed.slice(start, end + 1));
  } catch (e) {
    return { error: `the answer is not valid JSON: ${(e as Error).message}` };
  }
  const parsed = judgmentOutputSchema.safeParse(value);
  if (!parsed.success) {
    return {
      error: `the answer does not match the schema: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"} ${i.message}`).join("; ")}`,
    };
  }
  const output = parsed.data;
  if (output.verdict === "exception_applies") {
    if (!output.exception) return { error: "exception_applies without an exception id" };
    if (!candidates.includes(output.exception)) {
      return {
        error: `exception "${output.exception}" is not one of this norm's candidates (${candidates.join(", ")})`,
      };
    }
  }
  return { output };
}
