import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookEvents } from "../../src/db/schema/index.js";
import { backends } from "../support/backends.js";
import { startService, type TestService } from "../support/service.js";
import {
  deliveries,
  disable,
  moderate,
  newCommunity,
  register,
  subscribedReceiver,
  testClock,
  worker,
} from "../support/webhook-api.js";
import { startReceiver } from "../support/webhook-receiver.js";

describe.each(backends())("webhooks on $name", (backend) => {
  let svc: TestService;
  const clock = testClock();
  const eventCount = async () => (await svc.service.services.db.select({ n: count() }).from(webhookEvents))[0]?.n;
  beforeAll(async () => {
    // The service's own worker stays off: these tests drive workers by hand.
    svc = await startService(backend, { MORES_WEBHOOK_INTERVAL_MS: "0" });
  });
  afterAll(() => svc?.close());

  it("shows the secret once, at registration; listing never does", async () => {
    const community = await newCommunity(svc);
    const created = await register(svc, community, "https://platform.example/hooks", [
      "ruling.created",
      "appeal.decided",
      "ruling.created",
    ]);
    expect(created).toMatchObject({ id: expect.stringMatching(/^whk_/), url: "https://platform.example/hooks" });
    expect(created.events).toEqual(["ruling.created", "appeal.decided"]);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const listing = await svc.get(`/v1/communities/${community}/webhooks`);
    const text = await listing.text();
    expect(text).not.toContain(created.secret);
    expect(text).not.toContain("secret");
    expect(JSON.parse(text).data).toEqual([
      {
        id: created.id,
        url: created.url,
        events: created.events,
        created_at: created.created_at,
        disabled_at: null,
        deliveries: { pending: 0, delivered: 0, failed: 0 },
      },
    ]);
  });

  it("sends a signed ruling.created to a subscriber, and nothing to others", async () => {
    const { community, receiver, endpoint } = await subscribedReceiver(svc, clock);
    const other = await startReceiver({ now: clock.now });
    other.secret = (await register(svc, community, other.url, ["appeal.decided"])).secret;

    const ruling = await moderate(svc, community, "You are a pathetic moron.", "post-7");
    expect(await worker(svc, clock).runOnce()).toBe(1);

    expect(receiver.received).toHaveLength(1);
    const { body, headers } = receiver.received[0] as (typeof receiver.received)[0];
    expect(body).toEqual({
      id: `evt_${ruling.id.slice(4)}`,
      type: "ruling.created",
      created_at: ruling.created_at,
      community,
      data: {
        ruling_id: ruling.id,
        community,
        decision: "hide",
        content_id: "post-7",
        supersedes: null,
        created_at: ruling.created_at,
      },
    });
    expect(headers["content-type"]).toBe("application/json");
    expect(headers["webhook-id"]).toBe(body.id);
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    const sentAt = Number(headers["webhook-timestamp"]);
    expect(Math.abs(sentAt - clock.now().getTime() / 1000)).toBeLessThan(2);
    expect(receiver.rejected).toBe(0);
    expect(other.received).toHaveLength(0);

    expect(await deliveries(svc, community, endpoint.id)).toEqual([
      expect.objectContaining({ event_id: body.id, status: "delivered", attempts: 1, last_status: 200 }),
    ]);
    await Promise.all([receiver.close(), other.close()]);
  });

  it("gives every subscriber each ruling of a batch, under one webhook-id per ruling", async () => {
    const community = await newCommunity(svc);
    const receivers = await Promise.all([startReceiver({ now: clock.now }), startReceiver({ now: clock.now })]);
    for (const r of receivers) r.secret = (await register(svc, community, r.url)).secret;
    const items = [{ content: { text: "hello there" } }, { content: { text: "I will kill you." } }];
    const res = await svc.post(`/v1/communities/${community}/moderate/batch`, { items });
    const { rulings } = (await res.json()) as { rulings: Array<{ id: string; decision: string }> };
    expect(await worker(svc, clock).runOnce()).toBe(4);
    for (const r of receivers) {
      const got = [...r.processed.values()].map((b) => [b.data.ruling_id, b.data.decision]).sort();
      expect(got).toEqual(rulings.map((x) => [x.id, x.decision]).sort());
    }
    expect([...(receivers[0]?.processed.keys() ?? [])].sort()).toEqual(
      [...(receivers[1]?.processed.keys() ?? [])].sort(),
    );
    await Promise.all(receivers.map((r) => r.close()));
  });

  it("is opt-in: rulings in a community without subscribers write no event, and a replay writes none", async () => {
    const quiet = await newCommunity(svc);
    const before = await eventCount();
    await moderate(svc, quiet, "hello there");
    expect(await eventCount()).toBe(before);

    const community = await newCommunity(svc);
    const endpoint = await register(svc, community, "https://platform.example/hooks");
    const body = { content: { text: "a retried request" } };
    const headers = { "idempotency-key": "hook-retry" };
    await svc.post(`/v1/communities/${community}/moderate`, body, headers);
    await svc.post(`/v1/communities/${community}/moderate`, body, headers);
    expect(await eventCount()).toBe((before ?? 0) + 1);
    expect(await deliveries(svc, community, endpoint.id)).toHaveLength(1);
    expect((await disable(svc, community, endpoint.id)).status).toBe(204); // nothing left to send to platform.example
  });

  it("the service's own worker polls, retries and stops with the service", async () => {
    const own = await startService(backend, { MORES_WEBHOOK_INTERVAL_MS: "20", MORES_WEBHOOK_BACKOFF_MS: "10" });
    const receiver = await startReceiver();
    try {
      const community = await newCommunity(own);
      const endpoint = await register(own, community, receiver.url);
      receiver.secret = endpoint.secret;
      receiver.script(503);
      await moderate(own, community, "I will kill you.");
      await receiver.waitFor(1);
      const status = async () => (await deliveries(own, community, endpoint.id))[0]?.status;
      await expect.poll(status, { timeout: 5000 }).toBe("delivered");
      expect((await deliveries(own, community, endpoint.id))[0]).toMatchObject({ attempts: 2, last_status: 200 });
    } finally {
      await own.close();
      await receiver.close();
    }
  });
});
