import { createServer, type IncomingHttpHeaders } from "node:http";
import { count, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookEndpoints } from "../../src/db/schema/index.js";
import { sealPlaintextSecrets } from "../../src/webhooks/seal-plaintext-secrets.js";
import { newSecret } from "../../src/webhooks/sign.js";
import { backends } from "../support/backends.js";
import { startService, type TestService } from "../support/service.js";
import {
  deliveries,
  disable,
  HOUR,
  moderate,
  newCommunity,
  register,
  testClock,
  worker,
} from "../support/webhook-api.js";
import { startReceiver } from "../support/webhook-receiver.js";
import { allowedTargets, refusedTargets, tableResolver } from "../support/webhook-targets.js";

/** A server on 127.0.0.1 that answers every request the same way, and counts them. */
async function fixedAnswer(status: number, headers: Record<string, string>, body: string) {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    req.resume();
    res.writeHead(status, headers).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(backends())("webhook targets on $name, with no internal network allowed", (backend) => {
  let svc: TestService;
  const clock = testClock();
  let rebindCalls = 0;
  const dns = tableResolver({
    "loopback.test": ["127.0.0.1"],
    "mixed.test": ["93.184.216.34", "10.0.0.1"],
    // Public when mores registers it, loopback when it delivers: DNS rebinding.
    "rebind.test": () => (rebindCalls++ === 0 ? ["93.184.216.34"] : ["127.0.0.1"]),
  });
  const endpointRows = async () => (await svc.service.services.db.select({ n: count() }).from(webhookEndpoints))[0]?.n;
  beforeAll(async () => {
    svc = await startService(
      backend,
      { MORES_WEBHOOK_INTERVAL_MS: "0", MORES_WEBHOOK_ALLOW_PRIVATE: "" },
      { resolve: dns.resolve },
    );
  });
  afterAll(() => svc?.close());

  it("refuses every internal spelling at registration: 422 naming the reason, nothing written", async () => {
    const community = await newCommunity(svc);
    const before = await endpointRows();
    for (const target of [
      ...refusedTargets(8443),
      { class: "resolves to loopback", url: "https://loopback.test/hooks", reason: "loopback" },
      { class: "one address of several private", url: "https://mixed.test/hooks", reason: "private" },
    ]) {
      const res = await svc.post(`/v1/communities/${community}/webhooks`, {
        url: target.url,
        events: ["ruling.created"],
      });
      expect(res.status, target.class).toBe(422);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      const body = (await res.json()) as { code: string; reason: string; detail: string };
      expect(body, target.class).toMatchObject({ code: "webhook_target_refused", reason: target.reason });
      expect(body.detail).toContain("MORES_WEBHOOK_ALLOW_PRIVATE");
    }
    expect(await endpointRows()).toBe(before);
  });

  it("accepts public targets, and names that do not resolve yet", async () => {
    const community = await newCommunity(svc);
    for (const url of allowedTargets()) expect((await register(svc, community, url)).url).toBe(url);
  });

  it("refuses every internal spelling again at delivery, before any connection, and for good", async () => {
    // Rows registered before this check existed (or under a wider allow-list): written directly.
    const receiver = await startReceiver({ now: clock.now });
    const community = await newCommunity(svc);
    const { db, webhooks } = svc.service.services;
    const targets = refusedTargets(new URL(receiver.url).port);
    for (const [i, t] of targets.entries()) {
      const id = `whk_legacy_${backend.name}_${i}`;
      await db.insert(webhookEndpoints).values({
        id,
        communityId: community,
        url: t.url,
        events: ["ruling.created"],
        secret: await webhooks.secrets.seal(newSecret(), id),
        createdAt: clock.now(),
      });
    }
    await moderate(svc, community, "You are a pathetic moron.");
    expect(await worker(svc, clock).runOnce()).toBe(targets.length);
    for (const [i, t] of targets.entries()) {
      const [d] = await deliveries(svc, community, `whk_legacy_${backend.name}_${i}`);
      expect(d, t.class).toMatchObject({ status: "failed", attempts: 1, last_status: null });
      expect(d?.last_error, t.class).toMatch(`refused (${t.reason}): `);
    }
    // Several spellings above are 127.0.0.1 at the receiver's port: none of them reached it.
    expect(receiver.received.length + receiver.rejected).toBe(0);
    await receiver.close();
  });

  it("checks the name again at delivery: one re-pointed at 127.0.0.1 after registration is refused (DNS rebinding)", async () => {
    const receiver = await startReceiver({ now: clock.now });
    const community = await newCommunity(svc);
    const endpoint = await register(svc, community, `http://rebind.test:${new URL(receiver.url).port}/hooks`);
    await moderate(svc, community, "I will kill you.");
    expect(await worker(svc, clock).runOnce()).toBe(1);
    const [d] = await deliveries(svc, community, endpoint.id);
    expect(d).toMatchObject({ status: "failed", attempts: 1, last_status: null });
    expect(d?.last_error).toMatch(/^refused \(loopback\): "rebind\.test" resolves to a loopback address/);
    expect(d?.last_error).not.toContain("127.0.0.1");
    expect(rebindCalls).toBe(2);
    expect(receiver.received.length + receiver.rejected).toBe(0);
    await receiver.close();
  });
});

describe.each(backends())("webhook deliveries on $name, with 127.0.0.1 allowed for the receivers", (backend) => {
  let svc: TestService;
  const clock = testClock();
  const dns = tableResolver({ "hooks.test": ["127.0.0.1"] });
  beforeAll(async () => {
    svc = await startService(backend, { MORES_WEBHOOK_INTERVAL_MS: "0" }, { resolve: dns.resolve });
  });
  afterAll(() => svc?.close());

  it("connects to the address it checked, keeping the URL's host name", async () => {
    const receiver = await startReceiver({ now: clock.now });
    const community = await newCommunity(svc);
    const port = new URL(receiver.url).port;
    receiver.secret = (await register(svc, community, `http://hooks.test:${port}/hooks/mores`)).secret;
    await moderate(svc, community, "You are a pathetic moron.");
    expect(await worker(svc, clock).runOnce()).toBe(1);
    // hooks.test exists only in the test's resolver: the request arrived because mores used that answer.
    expect(receiver.processed.size).toBe(1);
    expect(receiver.received[0]?.headers.host).toBe(`hooks.test:${port}`);
    await receiver.close();
  });

  it("does not follow a redirect: a 3xx is a failed attempt, and its Location receives nothing", async () => {
    const elsewhere = await startReceiver({ now: clock.now });
    const redirecting = await fixedAnswer(307, { location: elsewhere.url }, "");
    const community = await newCommunity(svc);
    const endpoint = await register(svc, community, redirecting.url);
    await moderate(svc, community, "You are a pathetic moron.");
    expect(await worker(svc, clock).runOnce()).toBe(1);
    const [d] = await deliveries(svc, community, endpoint.id);
    expect(d).toMatchObject({
      status: "pending",
      last_status: 307,
      last_error: "HTTP 307 (redirects are not followed)",
    });
    expect(redirecting.seen).toHaveLength(1);
    expect(elsewhere.received.length + elsewhere.rejected).toBe(0);
    await disable(svc, community, endpoint.id); // its retries would otherwise be due in the next tests' rounds
    await Promise.all([redirecting.close(), elsewhere.close()]);
  });

  it("never echoes what a receiver answered: the deliveries list has the status and mores's own words", async () => {
    const leaky = await fixedAnswer(
      500,
      { "content-type": "text/plain", "x-debug": "internal-token-3f9a" },
      "Internal error: connect to db-primary.internal:5432 as admin password=hunter2",
    );
    const community = await newCommunity(svc);
    const endpoint = await register(svc, community, leaky.url);
    await moderate(svc, community, "You are a pathetic moron.");
    expect(await worker(svc, clock).runOnce()).toBe(1);
    const listing = await (await svc.get(`/v1/communities/${community}/webhooks/${endpoint.id}/deliveries`)).text();
    expect(listing).not.toMatch(/hunter2|db-primary|internal-token|Internal error/);
    expect(JSON.parse(listing).data[0]).toMatchObject({ last_status: 500, last_error: "HTTP 500" });
    await disable(svc, community, endpoint.id);
    await leaky.close();
  });

  it("stores signing secrets sealed: the column holds no plaintext, and deliveries still verify", async () => {
    const { db, webhooks } = svc.service.services;
    const receiver = await startReceiver({ now: clock.now });
    const community = await newCommunity(svc);
    const endpoint = await register(svc, community, receiver.url);
    receiver.secret = endpoint.secret;
    const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(row?.secret).toMatch(/^enc:v1:/);
    expect(row?.secret).not.toContain(endpoint.secret.slice("whsec_".length, "whsec_".length + 16));
    const [plain] = await db
      .select({ n: count() })
      .from(webhookEndpoints)
      .where(like(webhookEndpoints.secret, "whsec_%"));
    expect(plain?.n).toBe(0);
    await moderate(svc, community, "You are a pathetic moron.");
    expect(await worker(svc, clock).runOnce()).toBe(1);
    expect(receiver.processed.size).toBe(1);

    // A row from before encryption still delivers, and sealing at start leaves it verifiable.
    const legacy = newSecret();
    await db.update(webhookEndpoints).set({ secret: legacy }).where(eq(webhookEndpoints.id, endpoint.id));
    receiver.secret = legacy;
    await moderate(svc, community, "I will kill you.");
    clock.advance(HOUR);
    expect(await worker(svc, clock).runOnce()).toBe(1);
    expect(receiver.processed.size).toBe(2);
    expect(await sealPlaintextSecrets(db, webhooks.secrets)).toBe(1);
    const [resealed] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(resealed?.secret).toMatch(/^enc:v1:/);
    expect(resealed?.secret).not.toContain(legacy.slice(6, 22));
    await moderate(svc, community, "You are a pathetic moron, again.");
    expect(await worker(svc, clock).runOnce()).toBe(1);
    expect(receiver.processed.size).toBe(3);
    expect(receiver.rejected).toBe(0);
    await receiver.close();
  });
});
