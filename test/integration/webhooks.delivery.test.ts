import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/backends.js";
import { startService, type TestService } from "../support/service.js";
import {
  closedPort,
  deliveries,
  disable,
  endpoints,
  HOUR,
  moderate,
  newCommunity,
  register,
  subscribedReceiver,
  testClock,
  worker,
} from "../support/webhook-api.js";

describe.each(backends())("webhook delivery on $name", (backend) => {
  let svc: TestService;
  const clock = testClock();
  beforeAll(async () => {
    svc = await startService(backend, { MORES_WEBHOOK_INTERVAL_MS: "0" });
  });
  afterAll(() => svc?.close());

  const setUp = () => subscribedReceiver(svc, clock);

  it("retries with exponential backoff; after 5 failures the 6th attempt delivers it, once", async () => {
    const { community, receiver, endpoint } = await setUp();
    const w = worker(svc, clock);
    receiver.script(500, 502, 503, 429, 500);
    await moderate(svc, community, "You are a pathetic moron.");
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(await w.runOnce()).toBe(1);
      expect(await w.runOnce()).toBe(0); // not due again until its backoff has passed
      const [d] = await deliveries(svc, community, endpoint.id);
      expect(d).toMatchObject({ status: "pending", attempts: attempt, last_status: expect.any(Number) });
      expect(d?.last_error).toMatch(/^HTTP (5\d\d|429)$/); // mores's words only: the receiver's body is not echoed
      delays.push(Date.parse(d?.next_attempt_at ?? "") - clock.now().getTime());
      clock.advance(HOUR);
    }
    // 1 s, 2 s, 4 s, 8 s, 16 s, each stretched by at most 10% jitter.
    delays.forEach((delay, i) => {
      expect(delay).toBeGreaterThan(1000 * 2 ** i - 500);
      expect(delay).toBeLessThanOrEqual(1100 * 2 ** i + 50);
    });
    expect(await w.runOnce()).toBe(1);
    expect(receiver.received).toHaveLength(6);
    expect(receiver.processed.size).toBe(1);
    expect(await deliveries(svc, community, endpoint.id)).toEqual([
      expect.objectContaining({ status: "delivered", attempts: 6, last_status: 200, last_error: null }),
    ]);
    await receiver.close();
  });

  it("a worker killed mid-send loses nothing: another sends again after the lease, the receiver acts once", async () => {
    const { community, receiver, endpoint } = await setUp();
    for (let i = 0; i < 3; i++) await moderate(svc, community, `message ${i}`);
    // This worker's requests arrive, then it "dies": it never learns the answers, never records them.
    const send = svc.service.services.webhooks.post;
    const doomed = worker(svc, clock, { post: (request) => send(request).then(() => new Promise(() => {})) });
    void doomed.runOnce();
    await receiver.waitFor(3);
    expect((await deliveries(svc, community, endpoint.id)).map((d) => d.status)).toEqual([
      "pending",
      "pending",
      "pending",
    ]);

    const next = worker(svc, clock);
    expect(await next.runOnce()).toBe(0); // the dead worker's lease still holds
    clock.advance(2 * 60_000 + 1000);
    expect(await next.runOnce()).toBe(3);
    expect(receiver.received).toHaveLength(6); // each event twice on the wire…
    expect(receiver.processed.size).toBe(3); // …and once for the receiver, by webhook-id
    const after = await deliveries(svc, community, endpoint.id);
    expect(after.map((d) => [d.status, d.attempts])).toEqual([
      ["delivered", 2],
      ["delivered", 2],
      ["delivered", 2],
    ]);
    await receiver.close();
  });

  it("workers running at once never send the same delivery twice", async () => {
    const { community, receiver } = await setUp();
    const items = Array.from({ length: 25 }, (_, i) => ({ content: { text: `concurrent ${i}` } }));
    await svc.post(`/v1/communities/${community}/moderate/batch`, { items });
    const workers = Array.from({ length: 3 }, () => worker(svc, clock, { concurrency: 4 }));
    const attempted = await Promise.all(workers.map((w) => w.runOnce()));
    expect(attempted.reduce((a, b) => a + b, 0)).toBe(25);
    expect(receiver.received).toHaveLength(25);
    expect(receiver.processed.size).toBe(25);
    await receiver.close();
  });

  it("a receiver that hangs times out; stop() waits for that to be recorded, and a new worker delivers", async () => {
    const { community, receiver, endpoint } = await setUp();
    receiver.script("hang");
    await moderate(svc, community, "I will kill you.");
    const first = worker(svc, clock, { timeoutMs: 200 });
    const round = first.runOnce();
    await first.stop();
    expect(await round).toBe(1);
    expect((await deliveries(svc, community, endpoint.id))[0]).toMatchObject({
      status: "pending",
      attempts: 1,
      last_status: null,
      last_error: "timed out after 200 ms",
    });
    clock.advance(HOUR);
    expect(await worker(svc, clock).runOnce()).toBe(1);
    expect(receiver.processed.size).toBe(1);
    expect((await deliveries(svc, community, endpoint.id))[0]?.status).toBe("delivered");
    await receiver.close();
  });

  it("a dead URL ends failed after maxAttempts, with the last error recorded", async () => {
    const community = await newCommunity(svc);
    const endpoint = await register(svc, community, `http://127.0.0.1:${await closedPort()}/hooks`);
    await moderate(svc, community, "You are a pathetic moron.");
    const w = worker(svc, clock, { retry: { maxAttempts: 3 } });
    for (let i = 0; i < 3; i++) {
      expect(await w.runOnce()).toBe(1);
      clock.advance(HOUR);
    }
    expect(await w.runOnce()).toBe(0);
    const [d] = await deliveries(svc, community, endpoint.id);
    expect(d).toMatchObject({ status: "failed", attempts: 3, last_status: null, next_attempt_at: null });
    expect(d?.last_error).toMatch(/ECONNREFUSED/);
    expect((await endpoints(svc, community))[0]?.deliveries).toEqual({ pending: 0, delivered: 0, failed: 1 });
    expect(await deliveries(svc, community, endpoint.id, "pending")).toEqual([]);
  });

  it("a disabled endpoint receives nothing more", async () => {
    const { community, receiver, endpoint } = await setUp();
    await moderate(svc, community, "You are a pathetic moron.");
    expect((await disable(svc, community, endpoint.id)).status).toBe(204);
    expect((await disable(svc, community, endpoint.id)).status).toBe(204);
    await moderate(svc, community, "I will kill you.");
    clock.advance(HOUR);
    expect(await worker(svc, clock).runOnce()).toBe(0);
    expect(receiver.received).toHaveLength(0);
    expect(await deliveries(svc, community, endpoint.id)).toEqual([
      expect.objectContaining({ status: "failed", last_error: "endpoint disabled" }),
    ]);
    expect((await endpoints(svc, community))[0]?.disabled_at).toEqual(expect.any(String));
    await receiver.close();
  });
});
