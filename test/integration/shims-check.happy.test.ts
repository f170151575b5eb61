import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repoPath } from "../helpers/packs.js";
import { backends } from "../support/backends.js";
import { startService, type TestService } from "../support/service.js";
import { expectJson, newTenant, type Tenant } from "../support/tenants.js";

/** "Check while typing": the same evaluation as moderate, nothing recorded, a rate limit of its own. */
const cases = parse(readFileSync(repoPath("test/fixtures/shims.yaml"), "utf8")) as {
  benign: string;
  aimed: { text: string; author: unknown };
};
type Checked = {
  recorded: boolean;
  decision: string;
  norms: Array<{ id: string; outcome: string }>;
  scores: { perspective: Record<string, number>; openai: Record<string, number> };
};

const [backend] = backends();

describe(`check on ${backend?.name}`, () => {
  let svc: TestService;
  let t: Tenant;
  const check = (body: unknown) => svc.send("POST", `${t.path}/check`, { key: t.keys.platform, body });

  beforeAll(async () => {
    // One check per key at once, refilled slowly: the second check in a row is refused.
    svc = await startService(backend as NonNullable<typeof backend>, { MORES_CHECK_RATE_LIMIT_PER_SECOND: "0.001" });
    t = await newTenant(svc, "typists");
  });
  afterAll(() => svc?.close());

  it("answers the decision and the scores moderate would give, stores nothing, and has its own rate limit", async () => {
    const before = await svc.rowCounts();
    const checked = await expectJson<Checked>(
      check({ content: { text: cases.aimed.text }, author: cases.aimed.author }),
      200,
    );
    expect(checked.recorded).toBe(false);
    expect(checked.norms).toContainEqual(expect.objectContaining({ id: "slurs", outcome: "violated" }));
    expect(checked.scores.perspective.IDENTITY_ATTACK).toBeGreaterThanOrEqual(0.9);
    expect(checked.scores.openai.hate).toBeGreaterThanOrEqual(0.9);
    expect(Object.keys(checked.scores.openai)).toHaveLength(13);
    expect(await svc.rowCounts()).toEqual(before);

    const moderated = await expectJson<{ decision: string }>(
      svc.send("POST", `${t.path}/moderate`, {
        key: t.keys.platform,
        body: { content: { text: cases.aimed.text }, author: cases.aimed.author },
      }),
      201,
    );
    expect(moderated.decision).toBe(checked.decision);

    const limited = await check({ content: { text: cases.benign } });
    expect(limited.status).toBe(429);
    expect(((await limited.json()) as { detail: string }).detail).toMatch(/limit on checks/);
    // The key's own limit is untouched: moderate still answers.
    expect(
      (
        await svc.send("POST", `${t.path}/moderate`, {
          key: t.keys.platform,
          body: { content: { text: cases.benign } },
        })
      ).status,
    ).toBe(201);
  });
});
