import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Ruling } from "../../src/domain/index.js";
import { repoPath } from "../helpers/packs.js";
import { startJudgedService } from "../support/judged-service.js";
import { judgment, type ScriptedLlm } from "../support/scripted-llm.js";
import type { TestService } from "../support/service.js";

/**
 * The request's reasoning budget (REASONER_BUDGET_MS) still ends a model call
 * that outlasts it, now that its timer starts with the first model call
 * instead of with every request.
 */
const cases = parse(readFileSync(repoPath("test/fixtures/judgment-cases.yaml"), "utf8")) as Record<string, unknown>;

let llm: ScriptedLlm;
let svc: TestService;
beforeAll(async () => {
  ({ svc, llm } = await startJudgedService({ REASONER_TIMEOUT_MS: "10000", REASONER_BUDGET_MS: "300" }));
});
afterAll(async () => {
  await svc?.close();
  await llm?.close();
});

describe("the reasoning budget", () => {
  it("a model slower than the request's budget sends the case to review as budget_exhausted", async () => {
    llm.script({ delayMs: 2000, content: judgment({ verdict: "violates" }) });
    const res = await svc.post("/v1/communities/default/moderate", cases.reclaimed);
    expect(res.status).toBe(201);
    const ruling = (await res.json()) as Ruling;
    expect(ruling.decision).toBe("review");
    expect(ruling.norms.find((n) => n.id === "slurs")?.judgment?.cause).toBe("budget_exhausted");
  });
});
