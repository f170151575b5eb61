import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { openDatabase } from "../../src/db/open-node.js";
import type { EvaluationRequest, Ruling } from "../../src/domain/index.js";
import { repoPath } from "../helpers/packs.js";
import type { Backend } from "../support/backends.js";
import { judgment, type ScriptedLlm, startScriptedLlm } from "../support/scripted-llm.js";
import { startService, type TestService } from "../support/service.js";
import { newCommunity, register } from "../support/webhook-api.js";
import { type Receiver, startReceiver } from "../support/webhook-receiver.js";

/**
 * The model off the write path: with a model that answers after 2 s and
 * `Prefer: wait=0.2`, /moderate answers at once with a provisional ruling, and
 * the final ruling that supersedes it arrives later with a signed
 * `ruling.superseded` — also across a restart of the service in between.
 * One PGlite data directory outlives both services.
 */
const cases = parse(readFileSync(repoPath("test/fixtures/judgment-wait.yaml"), "utf8")) as {
  needs_judgment: EvaluationRequest[];
  fails: EvaluationRequest;
  restart: EvaluationRequest;
};
const MODEL_DELAY_MS = 2000;
const WAIT = { prefer: "wait=0.2" };

let dataDir: string;
let llm: ScriptedLlm;
let receiver: Receiver;
let svc: TestService;
let community: string;

const backend = (): Backend => ({ name: "pglite", open: () => openDatabase({ kind: "pglite", dataDir }) });
const start = () =>
  startService(backend(), {
    REASONER_PROVIDER: "openai",
    REASONER_MODEL: "scripted-judge",
    REASONER_BASE_URL: llm.url,
    REASONER_API_KEY: "test-key",
    REASONER_MAX_RETRIES: "0",
    MORES_WEBHOOK_INTERVAL_MS: "100",
    MORES_PENDING_INTERVAL_MS: "0",
  });

/** What the platform learns: the webhook naming this provisional ruling, once it has been acted on. */
async function supersededEvent(rulingId: string) {
  for (;;) {
    const event = [...receiver.processed.values()].find((e) => e.data.ruling_id === rulingId);
    if (event) return event;
    await receiver.waitFor(receiver.processed.size + 1);
  }
}

async function ruling(id: string): Promise<Ruling> {
  const res = await svc.get(`/v1/communities/${community}/rulings/${id}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Ruling;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "mores-wait-"));
  llm = await startScriptedLlm();
  receiver = await startReceiver();
  svc = await start();
  community = await newCommunity(svc);
  receiver.secret = (await register(svc, community, receiver.url, ["ruling.superseded"])).secret;
  // The community's norm set compiles on its first request: not the latency this file looks at.
  await svc.post(`/v1/communities/${community}/moderate`, { content: { text: "See you at the match tonight!" } });
}, 120_000);
afterAll(async () => {
  await svc?.close();
  await llm?.close();
  await receiver?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe("Prefer: wait, with a model that answers after 2 s", () => {
  it("answers within the wait with a provisional ruling; the model's ruling supersedes it and is announced", async () => {
    llm.respondWith(() => ({ delayMs: MODEL_DELAY_MS, content: judgment({ verdict: "violates" }) }));
    const elapsed: number[] = [];
    const provisional: Ruling[] = [];
    for (const request of cases.needs_judgment) {
      const t0 = performance.now();
      const res = await svc.post(`/v1/communities/${community}/moderate`, request, WAIT);
      elapsed.push(performance.now() - t0);
      expect(res.status).toBe(201);
      expect(res.headers.get("preference-applied"), await res.clone().text()).toBe("wait=0.2");
      provisional.push((await res.json()) as Ruling);
    }
    elapsed.sort((a, b) => a - b);
    console.info(`provisional answers (ms): ${elapsed.map((e) => e.toFixed(0)).join(" ")}`);
    // The point is "not the model's 2 s", not a speed figure (that is `npm run bench:wait`'s): every answer came
    // before the model's. A tighter bound (1.5 s) once failed in CI at 1,666 ms for one answer of six while the
    // rest of the suite ran beside it (the others 262–339 ms).
    for (const e of elapsed) expect(e).toBeLessThan(MODEL_DELAY_MS);
    for (const p of provisional) {
      expect(p).toMatchObject({ status: "pending_judgment", decision: "review", origin: "evaluation" });
      expect(p.norms.find((n) => n.id === "slurs")?.cause).toMatch(/judgment is pending/);
    }

    for (const p of provisional) {
      const event = await supersededEvent(p.id);
      expect(event.type).toBe("ruling.superseded");
      expect(event.data).toMatchObject({ ruling_id: p.id, decision: "remove", origin: "judgment" });
      const final = await ruling(event.data.superseded_by as string);
      expect(final).toMatchObject({ status: "final", decision: "remove", origin: "judgment", supersedes: p.id });
      expect(final.norms.find((n) => n.id === "slurs")).toMatchObject({
        outcome: "violated",
        judgment: { output: { verdict: "violates" } },
      });
      // The provisional ruling itself is never edited.
      expect(await ruling(p.id)).toMatchObject({ status: "pending_judgment", decision: "review" });
    }
  });

  it("the interim action can be the rules' own; a model that fails after the wait still ends in review", async () => {
    const patched = await svc.send("PATCH", `/v1/communities/${community}`, {
      body: { settings: { judgment: { interim: "rules" } } },
    });
    expect(patched.status).toBe(200);
    llm.respondWith(() => ({ delayMs: 600, status: 500 }));
    const res = await svc.post(`/v1/communities/${community}/moderate`, cases.fails, WAIT);
    const provisional = (await res.json()) as Ruling;
    // The slurs norm's own action while the model is asked whether its exception holds.
    expect(provisional).toMatchObject({ status: "pending_judgment", decision: "remove" });
    await svc.send("PATCH", `/v1/communities/${community}`, {
      body: { settings: { judgment: { interim: "review" } } },
    });
    const event = await supersededEvent(provisional.id);
    const final = await ruling(event.data.superseded_by as string);
    expect(final).toMatchObject({ status: "final", decision: "review", supersedes: provisional.id });
    expect(final.norms.find((n) => n.id === "slurs")?.judgment?.cause).toBe("provider_error");
  });

  it("a restart between the provisional answer and the model's still delivers the final ruling", async () => {
    llm.respondWith(() => ({ delayMs: MODEL_DELAY_MS, content: judgment({ verdict: "violates" }) }));
    const res = await svc.post(`/v1/communities/${community}/moderate`, cases.restart, WAIT);
    const provisional = (await res.json()) as Ruling;
    expect(provisional.status).toBe("pending_judgment");
    const text = cases.restart.content.text;
    const asked = () => llm.received.filter((r) => JSON.stringify(r.body).includes(text)).length;
    const askedBefore = asked();
    expect(askedBefore).toBeGreaterThan(0);
    // The model is still thinking when the service stops; its answer to this process is never written.
    await svc.close();
    svc = await start();
    const event = await supersededEvent(provisional.id);
    const final = await ruling(event.data.superseded_by as string);
    expect(final).toMatchObject({
      status: "final",
      decision: "remove",
      origin: "judgment",
      supersedes: provisional.id,
    });
    // Asked by the process that stopped, and once more (each pending norm) by the one that resumed it.
    expect(asked()).toBe(2 * askedBefore);
    // Exactly one final ruling: nothing else supersedes the provisional one.
    const all = [...receiver.processed.values()].filter((e) => e.data.ruling_id === provisional.id);
    expect(all).toHaveLength(1);
  }, 120_000); // a second service start on a loaded machine
});
