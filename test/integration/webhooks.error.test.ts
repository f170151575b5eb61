import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookEndpoints } from "../../src/db/schema/index.js";
import { backends } from "../support/backends.js";
import { startService, type TestService } from "../support/service.js";
import { disable, newCommunity, register } from "../support/webhook-api.js";

describe.each(backends())("bad webhook requests on $name get problem+json and write nothing", (backend) => {
  let svc: TestService;
  let community: string;
  let endpoint: string;
  let before: number | undefined;
  const endpointRows = async () => (await svc.service.services.db.select({ n: count() }).from(webhookEndpoints))[0]?.n;
  beforeAll(async () => {
    svc = await startService(backend, { MORES_WEBHOOK_INTERVAL_MS: "0" });
    community = await newCommunity(svc);
    endpoint = (await register(svc, community, "https://platform.example/hooks")).id;
    before = await endpointRows();
  });
  afterAll(async () => {
    expect(await endpointRows()).toBe(before);
    await svc.close();
  });

  async function expectProblem(res: Response, status: number, code: string) {
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const body = (await res.json()) as { code: string; status: number; detail: string };
    expect(body).toMatchObject({ status, code, detail: expect.any(String) });
    return body;
  }
  const create = (body: unknown, c = community) => svc.post(`/v1/communities/${c}/webhooks`, body);

  it("400 invalid_webhook_url for a URL that is not http(s)", async () => {
    for (const url of ["not a url", "ftp://platform.example/hooks", "javascript:alert(1)", "file:///etc/passwd"]) {
      await expectProblem(await create({ url, events: ["ruling.created"] }), 400, "invalid_webhook_url");
    }
  });

  it("400 invalid_request for unknown or missing event types and unknown fields", async () => {
    const url = "https://platform.example/hooks";
    await expectProblem(await create({ url, events: ["ruling.deleted"] }), 400, "invalid_request");
    await expectProblem(await create({ url, events: [] }), 400, "invalid_request");
    await expectProblem(await create({ url }), 400, "invalid_request");
    await expectProblem(await create({ url, events: ["ruling.created"], secret: "mine" }), 400, "invalid_request");
    await expectProblem(await create("{not json"), 400, "invalid_json");
  });

  it("404 community_not_found on every webhook route of an unknown community", async () => {
    const nowhere = "/v1/communities/nowhere/webhooks";
    await expectProblem(
      await create({ url: "https://platform.example/hooks", events: ["ruling.created"] }, "nowhere"),
      404,
      "community_not_found",
    );
    await expectProblem(await svc.get(nowhere), 404, "community_not_found");
    await expectProblem(await svc.get(`${nowhere}/${endpoint}/deliveries`), 404, "community_not_found");
    await expectProblem(await disable(svc, "nowhere", endpoint), 404, "community_not_found");
  });

  it("404 webhook_not_found for an unknown endpoint, or one of another community", async () => {
    const other = await newCommunity(svc);
    for (const [c, id] of [
      [community, "whk_nope"],
      [other, endpoint],
    ] as const) {
      await expectProblem(await svc.get(`/v1/communities/${c}/webhooks/${id}/deliveries`), 404, "webhook_not_found");
      await expectProblem(await disable(svc, c, id), 404, "webhook_not_found");
    }
    const listed = (await (await svc.get(`/v1/communities/${community}/webhooks`)).json()) as {
      data: Array<{ disabled_at: string | null }>;
    };
    expect(listed.data[0]?.disabled_at).toBeNull();
  });

  it("400 for an unknown delivery status filter", async () => {
    const res = await svc.get(`/v1/communities/${community}/webhooks/${endpoint}/deliveries?status=lost`);
    await expectProblem(res, 400, "invalid_request");
  });
});
