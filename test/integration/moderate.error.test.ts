import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpTargets } from "../support/http-targets.js";
import { OPERATOR_KEY, type TestService } from "../support/service.js";

const MODERATE = "/v1/communities/default/moderate";

type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  requestId: string;
  issues?: unknown[];
};

describe.each(httpTargets({ workerd: true }))("bad input on $name gets problem+json and changes nothing", (target) => {
  let svc: TestService;
  let before: { rulings: number; norms: number };
  beforeAll(async () => {
    svc = await target.start();
    await svc.post(MODERATE, { content: { text: "a first ruling, so counts are not trivially zero" } });
    before = await svc.rowCounts();
  });
  afterAll(async () => {
    // Every case above was rejected: not one row was written.
    expect(await svc.rowCounts()).toEqual(before);
    await svc.close();
  });

  async function expectProblem(res: Response, status: number, code: string): Promise<Problem> {
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const body = (await res.json()) as Problem;
    expect(body).toMatchObject({ status, code, title: expect.any(String), detail: expect.any(String) });
    expect(body.requestId).toMatch(/^req_/);
    expect(res.headers.get("request-id")).toBe(body.requestId);
    return body;
  }

  it("400 for a body that does not match the schema, listing the zod issues", async () => {
    const body = await expectProblem(await svc.post(MODERATE, { content: { txt: "hi" } }), 400, "invalid_request");
    expect(body.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "content.text" }),
        expect.objectContaining({ path: "content", code: "unrecognized_keys" }),
      ]),
    );
  });

  it("400 for wrong types and unknown fields", async () => {
    await expectProblem(await svc.post(MODERATE, { content: { text: 42 } }), 400, "invalid_request");
    await expectProblem(await svc.post(MODERATE, { content: { text: "x" }, extra: true }), 400, "invalid_request");
    await expectProblem(
      await svc.post(MODERATE, { content: { text: "x" }, author: { groups: "gay" } }),
      400,
      "invalid_request",
    );
    await expectProblem(await svc.post(MODERATE, []), 400, "invalid_request");
  });

  it("400 for a body that is not JSON at all", async () => {
    await expectProblem(await svc.post(MODERATE, "{not json"), 400, "invalid_json");
  });

  it("400 for a bad idempotency key, query or cursor", async () => {
    await expectProblem(
      await svc.post(MODERATE, { content: { text: "x" } }, { "idempotency-key": "has spaces in it" }),
      400,
      "invalid_request",
    );
    await expectProblem(await svc.get("/v1/communities/default/rulings?limit=5000"), 400, "invalid_request");
    await expectProblem(await svc.get("/v1/communities/default/rulings?decision=maybe"), 400, "invalid_request");
    await expectProblem(
      await svc.get("/v1/communities/default/rulings?cursor=bm90LWEtY3Vyc29y"),
      400,
      "invalid_cursor",
    );
    await expectProblem(await svc.get("/v1/communities/NOT_A_SLUG/rulings"), 400, "invalid_request");
  });

  it("every list pages with the same opaque cursor, and refuses one it did not issue for that list", async () => {
    const lists = ["rulings", "appeals", "audit", "reviews", "proposals"];
    const ruling = (await (await svc.get("/v1/communities/default/rulings?limit=1")).json()) as {
      data: { id: string }[];
    };
    const rawId = ruling.data[0]?.id ?? "rul_00000000000000000000000000";
    const ofRulings = btoa(rawId).replace(/=+$/, "");
    for (const list of lists) {
      const base = `/v1/communities/default/${list}`;
      expect((await svc.get(`${base}?limit=1`)).status, list).toBe(200);
      await expectProblem(await svc.get(`${base}?cursor=${rawId}`), 400, "invalid_cursor");
      await expectProblem(await svc.get(`${base}?cursor=%2F%2F%2F`), 400, "invalid_cursor");
      // A rulings cursor means nothing to another list (the reviews queue pages over rulings too).
      if (list !== "rulings" && list !== "reviews")
        await expectProblem(await svc.get(`${base}?cursor=${ofRulings}`), 400, "invalid_cursor");
    }
  });

  it("404 for an unknown community, ruling, norm or route", async () => {
    await expectProblem(
      await svc.post("/v1/communities/nowhere/moderate", { content: { text: "x" } }),
      404,
      "community_not_found",
    );
    await expectProblem(
      await svc.post("/v1/communities/nowhere/moderate/batch", { items: [{ content: { text: "x" } }] }),
      404,
      "community_not_found",
    );
    await expectProblem(
      await svc.get("/v1/communities/default/rulings/rul_00000000000000000000000000"),
      404,
      "ruling_not_found",
    );
    await expectProblem(await svc.get("/v1/communities/nowhere/rulings"), 404, "community_not_found");
    await expectProblem(await svc.get("/v1/communities/default/norms/no-such-norm"), 404, "norm_not_found");
    await expectProblem(await svc.get("/v1/nothing/here"), 404, "route_not_found");
  });

  it("413 for text over 64 KiB, a batch over 100 items, or a body over 8 MiB", async () => {
    await expectProblem(await svc.post(MODERATE, { content: { text: "a".repeat(65_537) } }), 413, "text_too_large");
    const items = Array.from({ length: 101 }, () => ({ content: { text: "hi" } }));
    await expectProblem(await svc.post(`${MODERATE}/batch`, { items }), 413, "batch_too_large");
    const huge = JSON.stringify({ content: { text: "b".repeat(9 * 1024 * 1024) } });
    await expectProblem(await svc.post(MODERATE, huge), 413, "payload_too_large");
  });

  it("text of exactly 64 KiB is accepted (the limit is inclusive)", async () => {
    const res = await svc.post(
      MODERATE,
      { content: { text: "c ".repeat(32_768) } },
      { "idempotency-key": "limit-probe" },
    );
    expect(res.status).toBe(201);
    before = await svc.rowCounts(); // this one was meant to be written
  });

  it("415 for a body that is not declared as JSON", async () => {
    const res = await fetch(svc.base + MODERATE, {
      method: "POST",
      headers: { "content-type": "text/plain", authorization: `Bearer ${OPERATOR_KEY}` },
      body: '{"content":{"text":"x"}}',
    });
    await expectProblem(res, 415, "unsupported_media_type");
    const none = await fetch(svc.base + MODERATE, {
      method: "POST",
      headers: { authorization: `Bearer ${OPERATOR_KEY}` },
      body: '{"content":{"text":"x"}}',
    });
    expect([415]).toContain(none.status);
  });

  it("422 when an idempotency key is reused for a different request", async () => {
    const first = await svc.post(MODERATE, { content: { text: "original" } }, { "idempotency-key": "reuse-me" });
    expect(first.status).toBe(201);
    before = await svc.rowCounts();
    const body = await expectProblem(
      await svc.post(MODERATE, { content: { text: "different" } }, { "idempotency-key": "reuse-me" }),
      422,
      "idempotency_key_reused",
    );
    expect(body.detail).toContain("reuse-me");
  });

  it("a ruling of another community is not found, as if it did not exist", async () => {
    const res = await svc.post(MODERATE, { content: { text: "mine" } }, { "idempotency-key": "cross-tenant" });
    const { id } = (await res.json()) as { id: string };
    before = await svc.rowCounts();
    await expectProblem(await svc.get(`/v1/communities/other/rulings/${id}`), 404, "community_not_found");
  });
});
