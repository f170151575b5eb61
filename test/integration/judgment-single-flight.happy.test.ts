import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Ruling } from "../../src/domain/index.js";
import { repoPath } from "../helpers/packs.js";
import { startJudgedService } from "../support/judged-service.js";
import { judgment, type ScriptedLlm } from "../support/scripted-llm.js";
import type { TestService } from "../support/service.js";

/**
 * Identical judgments asked at the same time share one model call: a burst of
 * the same message (a raid, a viral post, a platform's retries) costs one call,
 * not one per request.
 */
const cases = parse(readFileSync(repoPath("test/fixtures/judgment-cases.yaml"), "utf8")) as Record<string, unknown>;
const MODERATE = "/v1/communities/default/moderate";
const BURST = 40;

let llm: ScriptedLlm;
let svc: TestService;
beforeAll(async () => {
  ({ svc, llm } = await startJudgedService());
});
afterAll(async () => {
  await svc?.close();
  await llm?.close();
});

/** The same message, sent `BURST` times at once as different posts (so none is an idempotent replay). */
async function burst(tag: string) {
  const base = cases.reclaimed as { content: { text: string } };
  const answers = await Promise.all(
    Array.from({ length: BURST }, async (_, i) => {
      const body = { ...structuredClone(base), content: { ...base.content, id: `${tag}-${i}` } };
      const res = await svc.post(MODERATE, body);
      expect(res.status).toBe(201);
      return (await res.json()) as Ruling;
    }),
  );
  return answers.map((r) => r.norms.find((n) => n.id === "slurs")?.judgment);
}

describe("single-flight judgments", () => {
  // Each test counts the model calls its own messages made, whichever test ran before it.
  beforeEach(() => {
    llm.received.length = 0;
  });

  it("a burst of identical messages makes one model call, and every ruling records its answer", async () => {
    // Slow enough that the whole burst arrives while the first call is in flight.
    llm.script({
      delayMs: 400,
      content: judgment({ verdict: "exception_applies", exception: "in-group-reclamation", confidence: 0.95 }),
    });
    const judgments = await burst("burst");
    expect(llm.received).toHaveLength(1);
    for (const j of judgments) expect(j?.output).toMatchObject({ verdict: "exception_applies", confidence: 0.95 });
    expect(judgments.filter((j) => j?.cached === false)).toHaveLength(1);
  });

  it("a failed call is shared by those who waited for it but not cached: the next message asks again", async () => {
    const base = cases.reclaimed as { content: { text: string } };
    const other = { ...structuredClone(base), content: { text: `${base.content.text} Again.` } };
    llm.script({ delayMs: 300, status: 500 }, { content: judgment({ verdict: "unclear" }) });
    const first = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const res = await svc.post(MODERATE, { ...other, content: { ...other.content, id: `fail-${i}` } });
        return ((await res.json()) as Ruling).norms.find((n) => n.id === "slurs")?.judgment;
      }),
    );
    expect(llm.received).toHaveLength(1);
    for (const j of first) expect(j?.cause).toBe("provider_error");
    const retry = await svc.post(MODERATE, { ...other, content: { ...other.content, id: "fail-retry" } });
    expect(((await retry.json()) as Ruling).norms.find((n) => n.id === "slurs")?.judgment?.cause).toBe("unclear");
    expect(llm.received).toHaveLength(2);
  });
});
