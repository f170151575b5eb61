import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/backends.js";
import { startService, type TestService } from "../support/service.js";

describe.each(backends())("rulings are append-only in the database itself on $name", (backend) => {
  let svc: TestService;
  let id: string;
  beforeAll(async () => {
    svc = await startService(backend);
    const res = await svc.post("/v1/communities/default/moderate", { content: { text: "you are a pathetic moron" } });
    id = ((await res.json()) as { id: string }).id;
  });
  afterAll(() => svc?.close());

  const rejects = async (statement: ReturnType<typeof sql>) => {
    const error = await svc.service.services.db.execute(statement).then(
      () => null,
      (e: Error & { cause?: Error }) => e,
    );
    expect(error, "the database must reject this").not.toBeNull();
    expect(`${error?.message} ${error?.cause?.message ?? ""}`).toMatch(/append-only/);
  };

  it("rejects UPDATE, DELETE and TRUNCATE of rulings, even outside the application's code", async () => {
    await rejects(sql`update rulings set decision = 'allow' where id = ${id}`);
    await rejects(sql`delete from rulings where id = ${id}`);
    await rejects(sql`truncate rulings cascade`);
  });

  it("rejects changes to per-norm outcomes and to adopted norm sets", async () => {
    await rejects(sql`update ruling_norms set outcome = 'excepted' where ruling_id = ${id}`);
    await rejects(sql`delete from ruling_norms where ruling_id = ${id}`);
    await rejects(sql`update norm_sets set process = 'edited' where version = 1`);
    await rejects(sql`update pack_items set body = '{}'::jsonb`);
    await rejects(sql`delete from norm_set_items`);
  });

  it("the ruling is unchanged afterwards", async () => {
    const res = await svc.get(`/v1/communities/default/rulings/${id}`);
    expect(((await res.json()) as { decision: string }).decision).toBe("hide");
  });
});
