import { readFile } from "node:fs/promises";
import { createMoresClient, type EvaluationRequest, type Problem, type Ruling, type RulingSummary } from "mores/client";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { CLIENT_SCHEMA_PATH, clientSchemaSource } from "../../src/cli/generate-client.js";
import { backends } from "../support/backends.js";
import { httpCases } from "../support/http-cases.js";
import { OPERATOR_KEY, startService, type TestService } from "../support/service.js";

/** The typed client a platform imports (`mores/client`), against the real service over HTTP. */
describe("mores/client", () => {
  let svc: TestService;
  beforeAll(async () => {
    const [pglite] = backends();
    if (!pglite) throw new Error("PGlite is always a backend");
    svc = await startService(pglite);
  });
  afterAll(() => svc?.close());

  it("its generated types are those of the live /openapi.json (else: npm run generate:client)", async () => {
    const live = await (await svc.get("/openapi.json")).json();
    const committed = await readFile(CLIENT_SCHEMA_PATH, "utf8");
    expect(committed === (await clientSchemaSource(live)), "src/client/schema.d.ts is stale").toBe(true);
  });

  it.each(httpCases())("moderates and reads the ruling back, typed: $name", async (c) => {
    const mores = createMoresClient({ baseUrl: svc.base, apiKey: OPERATOR_KEY });
    const community = "default";
    const moderated = await mores.POST("/v1/communities/{community}/moderate", {
      params: { path: { community } },
      body: c.body as EvaluationRequest,
    });
    // The whole ruling, or its summary when the request prefers return=minimal.
    expectTypeOf(moderated.data).toEqualTypeOf<Ruling | RulingSummary | undefined>();
    expect(moderated.response.status, JSON.stringify(moderated.error)).toBe(201);
    const ruling = moderated.data as Ruling;
    expect(ruling.decision).toBe(c.decision);

    const read = await mores.GET("/v1/communities/{community}/rulings/{id}", {
      params: { path: { community, id: ruling.id } },
    });
    expectTypeOf(read.data).toEqualTypeOf<Ruling | undefined>();
    expect(read.data).toEqual(ruling);
  });

  it("answers a refusal as the typed problem, not as data", async () => {
    const mores = createMoresClient({ baseUrl: svc.base, apiKey: "mores_key_not_a_real_key" });
    const { data, error, response } = await mores.GET("/v1/communities/{community}/rulings", {
      params: { path: { community: "default" }, query: { limit: 5 } },
    });
    expectTypeOf(error).toEqualTypeOf<Problem | undefined>();
    expect(response.status).toBe(401);
    expect(data).toBeUndefined();
    expect(error?.code).toBe("unauthenticated");
  });
});
