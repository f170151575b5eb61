import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { pendingJudgments } from "../../src/db/schema/index.js";
import type { EvaluationRequest, Ruling } from "../../src/domain/index.js";
import { loadRulingRecord } from "../../src/rulings/load-record.js";
import { supersedeProvisionals } from "../../src/rulings/supersede-provisional.js";
import { supersedingRecord } from "../../src/rulings/superseding-record.js";
import { repoPath } from "../helpers/packs.js";
import { backends } from "../support/backends.js";
import { judgment, type ScriptedLlm, scriptedReasonerEnv, startScriptedLlm } from "../support/scripted-llm.js";
import { startService, type TestService } from "../support/service.js";
import { newCommunity, register } from "../support/webhook-api.js";
import { type Receiver, startReceiver } from "../support/webhook-receiver.js";

/**
 * Final rulings of judgments the model finished together are written in one
 * statement (rulings/supersede-provisional.ts), and each still gets what it
 * would alone: written and announced only while this process holds its lease,
 * and never over a person's decision. Three provisional rulings, finished in
 * one batch: one held (superseded), one a moderator decided first (left as the
 * moderator decided), one whose lease is not ours (untouched). Then the model
 * answers the service itself, which finishes only the one still pending.
 */
const { needs_judgment: requests } = parse(readFileSync(repoPath("test/fixtures/judgment-wait.yaml"), "utf8")) as {
  needs_judgment: EvaluationRequest[];
};

describe.each(backends())("finishing judgments together on $name", (backend) => {
  let llm: ScriptedLlm;
  let receiver: Receiver;
  let svc: TestService;
  let community: string;
  let answerModel: () => void;

  beforeAll(async () => {
    llm = await startScriptedLlm();
    const modelAnswers = new Promise<void>((resolve) => {
      answerModel = resolve;
    });
    llm.respondWith(() => ({ until: modelAnswers, content: judgment({ verdict: "violates" }) }));
    receiver = await startReceiver();
    svc = await startService(backend, {
      ...scriptedReasonerEnv(llm.url),
      MORES_WEBHOOK_INTERVAL_MS: "100",
      MORES_PENDING_INTERVAL_MS: "0",
    });
    community = await newCommunity(svc);
    receiver.secret = (await register(svc, community, receiver.url, ["ruling.superseded"])).secret;
  }, 60_000);
  afterAll(async () => {
    answerModel?.();
    await svc?.close();
    await llm?.close();
    await receiver?.close();
  });

  const C = () => `/v1/communities/${community}`;
  const ruling = async (id: string) => (await (await svc.get(`${C()}/rulings/${id}`)).json()) as Ruling;
  /** The model's `ruling.superseded` events for this provisional ruling (a person's decision announces its own). */
  const events = (provisional: string) =>
    [...receiver.processed.values()].filter(
      (e) => e.type === "ruling.superseded" && e.data.ruling_id === provisional && e.data.origin === "judgment",
    );
  const announced = async (provisional: string) => {
    while (events(provisional).length === 0) await receiver.waitFor(receiver.processed.size + 1);
    return events(provisional);
  };

  it("writes the held one, leaves a person's decision and another process's lease alone, in one batch", async () => {
    const provisional: Ruling[] = [];
    for (const request of requests.slice(0, 3)) {
      const res = await svc.post(`${C()}/moderate`, request, { prefer: "wait=0.1" });
      expect(res.status).toBe(201);
      provisional.push((await res.json()) as Ruling);
    }
    const [held, decided, foreign] = provisional as [Ruling, Ruling, Ruling];
    for (const p of provisional) expect(p.status).toBe("pending_judgment");

    // A moderator claims and decides one from the review queue before the model answers.
    expect((await svc.post(`${C()}/reviews/${decided.id}/claim`, { moderator: "mod-ana" })).status).toBe(200);
    const review = await svc.post(`${C()}/reviews/${decided.id}/decision`, {
      decision: "allow",
      rationale: "Said within the community, about itself.",
      exception: "in-group-reclamation",
      moderator: "mod-ana",
    });
    expect(review.status).toBe(200);
    const byPerson = ((await review.json()) as { ruling: Ruling }).ruling;

    const { db } = svc.service.services;
    const token = async (id: string) =>
      (await db.select().from(pendingJudgments).where(eq(pendingJudgments.rulingId, id)))[0]?.leaseToken;
    const now = new Date();
    const finished = async (p: Ruling, leaseToken: string | undefined) => ({
      provisionalId: p.id,
      token: leaseToken ?? "",
      // What the model's evaluation would record: here, the content removed.
      evaluated: supersedingRecord(
        await loadRulingRecord(db, community, p.id),
        { origin: "review", sourceId: "model", moderator: "model", key: "model", decision: "remove", rationale: "-" },
        now,
      ),
      now,
    });
    const results = await supersedeProvisionals(db, [
      await finished(held, await token(held.id)),
      await finished(decided, await token(decided.id)),
      await finished(foreign, "a lease some other process holds"),
    ]);
    expect(results.map((r) => (r.ok ? r.value.status : "failed"))).toEqual([
      "superseded",
      "already_superseded",
      "not_held",
    ]);
    expect(results[1]).toEqual({ ok: true, value: { status: "already_superseded", by: byPerson.id } });

    // The held one: a final ruling by judgment, announced once, and no longer pending.
    const final = await ruling((await ruling(held.id)).superseded_by as string);
    expect(final).toMatchObject({ status: "final", origin: "judgment", decision: "remove", supersedes: held.id });
    expect(final.norms.map((n) => n.id)).toEqual(held.norms.map((n) => n.id));
    expect((await announced(held.id)).map((e) => e.data)).toEqual([
      { ruling_id: held.id, superseded_by: final.id, decision: "remove", origin: "judgment" },
    ]);
    expect(await token(held.id)).toBeUndefined();
    // The person's decision stands, and its pending judgment is gone: no model answer will be written over it.
    expect((await ruling(decided.id)).superseded_by).toBe(byPerson.id);
    expect(await token(decided.id)).toBeUndefined();
    // Not ours: nothing written, still pending under its own lease.
    expect((await ruling(foreign.id)).superseded_by).toBeNull();
    expect(await token(foreign.id)).toBeDefined();

    // The model answers the service: it finishes only the judgment still pending; the other two stay as they are.
    answerModel();
    for (let i = 0; i < 200 && (await token(foreign.id)) !== undefined; i++)
      await new Promise((r) => setTimeout(r, 50));
    const foreignFinal = await ruling((await ruling(foreign.id)).superseded_by as string);
    expect(foreignFinal).toMatchObject({ origin: "judgment", decision: "remove", supersedes: foreign.id });
    expect(await announced(foreign.id)).toHaveLength(1);
    expect(events(held.id)).toHaveLength(1);
    expect(events(decided.id)).toHaveLength(0);
    expect((await ruling(held.id)).superseded_by).toBe(final.id);
    expect((await ruling(decided.id)).superseded_by).toBe(byPerson.id);
  }, 60_000);
});
