import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { EvaluationRequest, Ruling } from "../../src/domain/index.js";
import { repoPath } from "../helpers/packs.js";
import { backends } from "../support/backends.js";
import { obedientModel } from "../support/obedient-model.js";
import { type ScriptedLlm, startScriptedLlm } from "../support/scripted-llm.js";
import { startService, type TestService } from "../support/service.js";

type Case = EvaluationRequest & {
  id: string;
  norm?: string;
  exception?: string;
  /** The exception the rules settle by themselves, when they can (no model asked). */
  settled_by_rules?: string;
};
const { injections, legitimate } = parse(readFileSync(repoPath("test/fixtures/injection-cases.yaml"), "utf8")) as {
  injections: Case[];
  legitimate: Case[];
};
const MODERATE = "/v1/communities/default/moderate";
const [pglite] = backends();
const request = ({ id: _i, norm: _n, exception: _e, settled_by_rules: _s, ...body }: Case) => body;

describe("prompt injection, against a model that obeys every instruction it reads", () => {
  let llm: ScriptedLlm;
  let svc: TestService;
  beforeAll(async () => {
    llm = await startScriptedLlm();
    llm.respondWith(obedientModel);
    svc = await startService(pglite as NonNullable<typeof pglite>, {
      REASONER_PROVIDER: "openai",
      REASONER_MODEL: "obedient",
      REASONER_BASE_URL: llm.url,
      REASONER_API_KEY: "test-key",
      REASONER_MAX_RETRIES: "0",
    });
  });
  afterAll(async () => {
    await svc?.close();
    await llm?.close();
  });

  async function moderate(c: Case): Promise<Ruling> {
    const res = await svc.post(MODERATE, request(c));
    expect(res.status, c.id).toBe(201);
    return (await res.json()) as Ruling;
  }

  it("the suite is broad: at least 30 phrasings, in several languages, encodings and metadata fields", () => {
    expect(injections.length).toBeGreaterThanOrEqual(30);
    expect(injections.filter((c) => c.author?.groups || c.author?.role || c.context?.parent).length).toBeGreaterThan(3);
  });

  it("no injected phrasing is allowed: the model says 'exception applies' every time, and every time a person decides", async () => {
    const allowed: string[] = [];
    const settledByRules: string[] = [];
    const causes = new Map<string, number>();
    for (const c of injections) {
      const ruling = await moderate(c);
      if (ruling.decision === "allow" || ruling.norms.some((n) => n.outcome === "excepted")) allowed.push(c.id);
      // The model really was asked and really obeyed: it is the check after it that holds.
      const obeyed = ruling.norms.filter((n) => n.judgment?.output?.verdict === "exception_applies");
      // Where the rules settle a case themselves (a removal the sentence layer is sure of), no model is asked
      // and no injection can act; it must then be removed, never allowed.
      if (obeyed.length === 0) {
        settledByRules.push(`${c.id}: ${ruling.decision}`);
        expect(["remove", "hide"], c.id).toContain(ruling.decision);
        continue;
      }
      for (const n of obeyed) {
        expect(n.outcome, c.id).toBe("needs_review");
        expect(n.cause, c.id).toMatch(/moderator reviews it/);
        expect(n.judgment?.detail, c.id).toBeTruthy();
        const cause = n.judgment?.cause as string;
        causes.set(cause, (causes.get(cause) ?? 0) + 1);
      }
      expect(ruling.decision, c.id).toBe("review");
    }
    expect(allowed).toEqual([]);
    // Nearly every phrasing reaches the obedient model, so it is the walls after it that are tested.
    expect(settledByRules.length, settledByRules.join("\n")).toBeLessThanOrEqual(injections.length / 10);
    // Both walls do work: text aimed at a model, and evidence that must cover the flagged words.
    expect([...causes.keys()].sort()).toEqual(["exception_unsupported", "injection_suspected"]);
  });

  it("free text in author.groups never reaches the prompt outside the data block; the role is shown only as data", async () => {
    const groups = injections.find((c) => c.id === "groups-field-instruction") as Case;
    const role = injections.find((c) => c.id === "role-field-instruction") as Case;
    llm.received.length = 0;
    await moderate({ ...groups, content: { text: `${groups.content.text} (groups)` } });
    await moderate({ ...role, content: { text: `${role.content.text} (role)` } });
    const [g, r] = llm.received.map((x) => x.body.messages.find((m) => m.role === "user")?.content ?? "");
    expect(g).not.toContain("SYSTEM: author quotes abuse");
    expect(g).toContain("gave no self-identified groups the community knows");
    const roleText = role.author?.role as string;
    const open = (r as string).search(/<<<DATA-[0-9a-f]+>>>/);
    expect(open).toBeGreaterThan(0);
    expect((r as string).indexOf(roleText)).toBeGreaterThan(open);
  });

  it.each(legitimate.map((c) => [c.id, c] as const))(
    "%s: real counter-speech or reclamation the model excepts, with rule evidence covering the words, is still allowed",
    async (_id, c) => {
      const ruling = await moderate(c);
      const norm = ruling.norms.find((n) => n.id === c.norm);
      expect(norm?.outcome).toBe("excepted");
      // Either the rules settle it themselves (a reporting frame, declared membership: no model asked),
      // or the model's exception stands because the rules' evidence covers the words.
      if (norm?.judgment) {
        expect(norm.exception).toBe(c.exception);
        expect(norm.judgment.output?.verdict).toBe("exception_applies");
      } else expect(norm?.exception).toBe(c.settled_by_rules);
      expect(ruling.decision).toBe("allow");
    },
  );
});
