import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repoPath } from "../helpers/packs.js";
import { backends } from "../support/backends.js";
import { startService, type TestService } from "../support/service.js";
import { expectJson, newTenant, type Tenant } from "../support/tenants.js";

/**
 * A Perspective client pointed at mores. googleapis is too heavy to install
 * for this, so requests are built exactly as its discovery document
 * (commentanalyzer v1alpha1) describes: POST {root}v1alpha1/comments:analyze?key=…
 * with an AnalyzeCommentRequest body.
 */
const cases = parse(readFileSync(repoPath("test/fixtures/shims.yaml"), "utf8")) as {
  benign: string;
  reclaimed: { text: string; author: unknown };
  aimed: { text: string; author: unknown };
  astral: { text: string; evidence: string };
};

type Score = { value: number; type: string };
type Analyzed = {
  attributeScores: Record<
    string,
    { summaryScore: Score; spanScores: Array<{ begin: number; end: number; score: Score }> }
  >;
  languages: string[];
  detectedLanguages?: string[];
  clientToken?: string;
};
type GoogleError = { error: { code: number; message: string; status: string } };

const [backend] = backends();

describe(`Perspective comments:analyze on ${backend?.name}`, () => {
  let svc: TestService;
  let t: Tenant;
  const analyze = (body: unknown, key = t.keys.platform) =>
    fetch(`${svc.base}/v1alpha1/comments:analyze?key=${encodeURIComponent(key)}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    svc = await startService(backend as NonNullable<typeof backend>);
    t = await newTenant(svc, "readers");
  });
  afterAll(() => svc?.close());

  it("scores a benign comment near 0, echoes clientToken and languages, and records an appealable ruling", async () => {
    const res = await analyze({
      comment: { text: cases.benign, type: "PLAIN_TEXT" },
      requestedAttributes: { TOXICITY: {}, IDENTITY_ATTACK: {}, THREAT: {}, SEXUALLY_EXPLICIT: {} },
      clientToken: "tok-1",
      communityId: "readers",
    });
    const body = await expectJson<Analyzed>(res, 200);
    expect(Object.keys(body.attributeScores).sort()).toEqual([
      "IDENTITY_ATTACK",
      "SEXUALLY_EXPLICIT",
      "THREAT",
      "TOXICITY",
    ]);
    for (const a of Object.values(body.attributeScores)) {
      expect(a.summaryScore).toEqual({ value: 0, type: "PROBABILITY" });
      expect(a.spanScores).toEqual([{ begin: 0, end: cases.benign.length, score: { value: 0, type: "PROBABILITY" } }]);
    }
    expect(body).toMatchObject({ clientToken: "tok-1", languages: ["en"], detectedLanguages: ["en"] });
    const rulingId = res.headers.get("mores-ruling-id") as string;
    expect(rulingId).toMatch(/^rul_/);
    const appeal = await svc.send("POST", `${t.path}/rulings/${rulingId}/appeals`, {
      key: t.keys.platform,
      body: { grounds: "scored through the Perspective shim" },
    });
    expect(appeal.status).toBe(201);
  });

  it("a reclaimed slur from a declared in-group author scores low on IDENTITY_ATTACK; aimed at someone, high", async () => {
    const score = async (c: { text: string; author: unknown }) => {
      const body = await expectJson<Analyzed>(
        await analyze({
          comment: { text: c.text },
          requestedAttributes: { IDENTITY_ATTACK: {} },
          mores: { author: c.author },
        }),
        200,
      );
      return body.attributeScores.IDENTITY_ATTACK?.summaryScore.value as number;
    };
    expect(await score(cases.reclaimed)).toBeLessThan(0.2);
    expect(await score(cases.aimed)).toBeGreaterThanOrEqual(0.9);
  });

  it("span scores count UTF-16 code units with exclusive ends, past astral characters", async () => {
    const { text, evidence } = cases.astral;
    const body = await expectJson<Analyzed>(
      await analyze({ comment: { text }, requestedAttributes: { IDENTITY_ATTACK: {} }, spanAnnotations: true }),
      200,
    );
    const spans = body.attributeScores.IDENTITY_ATTACK?.spanScores ?? [];
    const at = text.indexOf(evidence);
    expect(spans).toContainEqual({
      begin: at,
      end: at + evidence.length,
      score: expect.objectContaining({ type: "PROBABILITY" }),
    });
    const span = spans.find((s) => s.begin === at);
    expect(text.slice(span?.begin, span?.end)).toBe(evidence);
    expect(span?.score.value).toBeGreaterThanOrEqual(0.9);
  });

  it("scoreThreshold leaves out attributes below it; doNotStore keeps only the text's hash", async () => {
    const res = await analyze({
      comment: { text: cases.aimed.text },
      requestedAttributes: { IDENTITY_ATTACK: { scoreThreshold: 0.5 }, THREAT: { scoreThreshold: 0.5 } },
      doNotStore: true,
    });
    const body = await expectJson<Analyzed>(res, 200);
    expect(Object.keys(body.attributeScores)).toEqual(["IDENTITY_ATTACK"]);
    const ruling = await expectJson<{
      content: { hash: string; text?: string };
      evidence: Array<{ excerpt?: string }>;
    }>(svc.send("GET", `${t.path}/rulings/${res.headers.get("mores-ruling-id")}`, { key: t.keys.moderator }), 200);
    expect(ruling.content.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(ruling.content.text).toBeUndefined();
    expect(JSON.stringify(ruling)).not.toContain("nobody wants you");
  });

  it("answers Google-shaped errors: unknown attribute, unsupported language, text too long, bad key — and records nothing", async () => {
    const before = await svc.rowCounts();
    const cases400: Array<[unknown, RegExp]> = [
      [
        { comment: { text: "hi" }, requestedAttributes: { NOT_AN_ATTRIBUTE: {} } },
        /Unknown attribute: NOT_AN_ATTRIBUTE/,
      ],
      [
        { comment: { text: "hi" }, requestedAttributes: { TOXICITY: {} }, languages: ["xx"] },
        /does not support request languages: xx/,
      ],
      [{ comment: { text: "x".repeat(70_000) }, requestedAttributes: { TOXICITY: {} } }, /65536/],
      [{ comment: { text: "hi" }, requestedAttributes: { SPAM: {}, FLIRTATION: {} } }, /FLIRTATION is not informed/],
      [{ comment: { text: "hi" }, requestedAttributes: {} }, /at least one attribute/],
      [
        {
          comment: { text: "hi" },
          requestedAttributes: { TOXICITY: {} },
          context: { entries: [], articleAndParentComment: {} },
        },
        /schema/,
      ],
      [{ comment: "hi" }, /schema/],
    ];
    for (const [body, message] of cases400) {
      const err = await expectJson<GoogleError>(await analyze(body), 400);
      expect(err.error).toMatchObject({ code: 400, status: "INVALID_ARGUMENT" });
      expect(err.error.message).toMatch(message);
    }
    const dropped = await expectJson<Analyzed>(
      await analyze({
        comment: { text: "hi" },
        requestedAttributes: { SPAM: {}, FLIRTATION: {} },
        dropUnsupportedAttributes: true,
      }),
      200,
    );
    expect(Object.keys(dropped.attributeScores)).toEqual(["SPAM"]);
    const unauth = await expectJson<GoogleError>(await analyze({ comment: { text: "hi" } }, "mores_key_nonsense"), 401);
    expect(unauth.error.status).toBe("UNAUTHENTICATED");
    const other = await expectJson<GoogleError>(
      await analyze({ comment: { text: "hi" }, requestedAttributes: { TOXICITY: {} }, communityId: "default" }),
      403,
    );
    expect(other.error.status).toBe("PERMISSION_DENIED");
    // Only the one dropUnsupportedAttributes call was judged and recorded.
    expect((await svc.rowCounts()).rulings).toBe(before.rulings + 1);
  });

  it("suggestscore is feedback a moderator sees beside the content's ruling in the review queue", async () => {
    const queued = await expectJson<{ id: string; decision: string }>(
      svc.send("POST", `${t.path}/moderate`, {
        key: t.keys.platform,
        body: { content: { text: "We faggots have always looked after each other." } },
      }),
      201,
    );
    expect(queued.decision).toBe("review");
    const res = await fetch(`${svc.base}/v1alpha1/comments:suggestscore`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${t.keys.platform}` },
      body: JSON.stringify({
        comment: { text: "We faggots have always looked after each other." },
        attributeScores: { IDENTITY_ATTACK: { summaryScore: { value: 0.05 } } },
        clientToken: "fb-1",
      }),
    });
    expect(await expectJson(res, 200)).toEqual({ clientToken: "fb-1" });
    const queue = await expectJson<{ data: Array<{ ruling: { id: string }; suggestions: unknown[] }> }>(
      svc.send("GET", `${t.path}/reviews`, { key: t.keys.moderator }),
      200,
    );
    const item = queue.data.find((i) => i.ruling.id === queued.id);
    expect(item?.suggestions).toEqual([
      { scores: { IDENTITY_ATTACK: 0.05 }, client_token: "fb-1", suggested_at: expect.any(String) },
    ]);
  });
});
