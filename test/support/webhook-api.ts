import { createServer } from "node:net";
import { WebhookWorker, type WebhookWorkerOptions } from "../../src/webhooks/delivery-worker.js";
import type { TestService } from "./service.js";
import { startReceiver } from "./webhook-receiver.js";

export type Endpoint = { id: string; url: string; events: string[]; created_at: string; secret: string };
export type Delivery = {
  event_id: string;
  type: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  next_attempt_at: string | null;
  delivered_at: string | null;
};

let communities = 0;

/** A fresh community with the default pack, so each test sees only its own endpoints and events. */
export async function newCommunity(svc: TestService): Promise<string> {
  const id = `hooks-${communities++}`;
  const res = await svc.post("/v1/communities", { id, name: id });
  if (res.status !== 201) throw new Error(`community creation failed: ${res.status} ${await res.text()}`);
  return id;
}

export async function register(svc: TestService, community: string, url: string, events = ["ruling.created"]) {
  const res = await svc.post(`/v1/communities/${community}/webhooks`, { url, events });
  if (res.status !== 201) throw new Error(`registration failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as Endpoint;
}

export type Listed = Omit<Endpoint, "secret"> & { disabled_at: string | null; deliveries: Record<string, number> };

export async function endpoints(svc: TestService, community: string) {
  return ((await (await svc.get(`/v1/communities/${community}/webhooks`)).json()) as { data: Listed[] }).data;
}

export async function deliveries(svc: TestService, community: string, endpoint: string, status?: string) {
  const q = status ? `?status=${status}` : "";
  const res = await svc.get(`/v1/communities/${community}/webhooks/${endpoint}/deliveries${q}`);
  return ((await res.json()) as { data: Delivery[] }).data;
}

export const disable = (svc: TestService, community: string, endpoint: string) =>
  svc.send("DELETE", `/v1/communities/${community}/webhooks/${endpoint}`);

export async function moderate(svc: TestService, community: string, text: string, id?: string) {
  const res = await svc.post(`/v1/communities/${community}/moderate`, { content: { text, ...(id ? { id } : {}) } });
  return (await res.json()) as { id: string; decision: string; created_at: string; content: { id?: string } };
}

/** A delivery worker on the service's database with a hand-moved clock, driven by runOnce (no polling). */
export function worker(svc: TestService, clock: ReturnType<typeof testClock>, options: WebhookWorkerOptions = {}) {
  return new WebhookWorker({ ...svc.service.services, clock: clock.now }, options);
}

/** A clock that tests move forward by hand: real time plus an offset, so it never runs backwards. */
export function testClock() {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms: number) => {
      offset += ms;
    },
  };
}

/** A community with one endpoint for ruling.created, at a fresh receiver that knows its secret. */
export async function subscribedReceiver(svc: TestService, clock: ReturnType<typeof testClock>) {
  const community = await newCommunity(svc);
  const receiver = await startReceiver({ now: clock.now });
  const endpoint = await register(svc, community, receiver.url);
  receiver.secret = endpoint.secret;
  return { community, receiver, endpoint };
}

/** A port nothing listens on: a receiver that is down. */
export const closedPort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

export const HOUR = 3_600_000;
