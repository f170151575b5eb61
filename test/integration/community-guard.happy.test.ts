import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { backends } from "../support/backends.js";
import { startService, type TestService } from "../support/service.js";
import { newTenant } from "../support/tenants.js";

describe("one community guard", () => {
  let svc: TestService;
  beforeAll(async () => {
    const [pglite] = backends();
    if (!pglite) throw new Error("PGlite is always a backend");
    svc = await startService(pglite);
  });
  afterAll(() => svc?.close());

  it("reading keys, the audit log, appeals and rulings compiles no norm set; moderating does", async () => {
    const t = await newTenant(svc, "quiet-reads");
    const current = vi.spyOn(svc.service.services.normSets, "current");
    for (const list of ["keys", "audit", "appeals", "rulings", "reviews", "proposals", "webhooks"]) {
      const res = await svc.get(`${t.path}/${list}`, { authorization: `Bearer ${t.keys.admin}` });
      expect(res.status, `${list}: ${await res.clone().text()}`).toBe(200);
    }
    expect(current).not.toHaveBeenCalled();
    const moderated = await svc.post(`${t.path}/moderate`, { content: { text: "hello there" } });
    expect(moderated.status).toBe(201);
    expect(current).toHaveBeenCalledWith("quiet-reads");
    current.mockRestore();
  });

  it("answers 404 for an unknown community on every kind of route, and 401 before that without a key", async () => {
    for (const path of ["keys", "audit", "rulings", "norms", "webhooks", "transparency"]) {
      const res = await svc.get(`/v1/communities/no-such-place/${path}`);
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as { code: string }).code).toBe("community_not_found");
      expect((await svc.send("GET", `/v1/communities/no-such-place/${path}`, { key: null })).status).toBe(401);
    }
  });
});
