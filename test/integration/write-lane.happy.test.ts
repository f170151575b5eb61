import { request } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/backends.js";
import { httpCases } from "../support/http-cases.js";
import { OPERATOR_KEY, startService, type TestService } from "../support/service.js";
import { expectJson, newTenant, type Tenant } from "../support/tenants.js";

/**
 * Node's write lane (src/entry/moderate-lane.ts) serves `POST …/moderate`
 * in front of the app. A platform must not be
 * able to tell: every request below goes, in the same order, to a service
 * with the lane and to one without it (MORES_WRITE_LANE=off), and the two
 * answers must match in status, headers and body once the ids, timestamps and
 * keys each service made itself are masked. The access lines say which path
 * served each request, so the lane is seen to take the plain cases and hand
 * the others to the app.
 */
type Exchange = { status: number; headers: Record<string, string>; body: string };
type Sent = {
  path?: string;
  body: string;
  headers?: Record<string, string>;
  key?: "platform" | "editor" | "operator" | "none";
};

const cases = httpCases();
const benign = cases.find((c) => c.decision === "allow" && !c.norm)?.body;
const violated = cases.find((c) => c.norm?.outcome === "violated")?.body;
const MINIMAL = { prefer: "return=minimal" };

/**
 * Headers that differ between any two answers by nature, not by which path served: the clock, the connection,
 * and the length (a compressed body's varies with the ids inside it; each side's is checked against its bytes).
 */
const UNCOMPARED = new Set(["date", "connection", "keep-alive", "content-length"]);

/** The body as the client reads it: decompressed as its Content-Encoding says. */
function decoded(bytes: Buffer, encoding: string | undefined): Buffer {
  if (encoding === "gzip") return gunzipSync(bytes);
  if (encoding === "br") return brotliDecompressSync(bytes);
  return bytes;
}

/** Ids, times and key-derived values each service makes itself, masked so two services' answers compare. */
const mask = (text: string) =>
  text
    .replace(/\b(rul|req|key|apl|rev)_[A-Za-z0-9_-]+/g, "$1_…")
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, "<time>")
    .replace(/"digest":"[^"]+"/g, '"digest":"…"');

type Side = { svc: TestService; tenant: Tenant; lines: string[]; limited: string };

function exchange(side: Side, sent: Sent): Promise<Exchange> {
  const keys = { platform: side.tenant.keys.platform, editor: side.tenant.keys.editor, operator: OPERATOR_KEY };
  const authorization = sent.key === "none" ? {} : { authorization: `Bearer ${keys[sent.key ?? "platform"]}` };
  return new Promise((resolve, reject) => {
    const req = request(`${side.svc.base}${sent.path ?? `${side.tenant.path}/moderate`}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...authorization, ...sent.headers },
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const bytes = Buffer.concat(chunks);
        expect(Number(res.headers["content-length"])).toBe(bytes.byteLength);
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers))
          if (!UNCOMPARED.has(name)) headers[name] = mask(String(value));
        const body = decoded(bytes, res.headers["content-encoding"]);
        resolve({ status: res.statusCode ?? 0, headers, body: mask(body.toString("utf8")) });
      });
    });
    req.on("error", reject);
    req.end(sent.body);
  });
}

let lane: Side;
let app: Side;

async function side(writeLane: "on" | "off"): Promise<Side> {
  const [pglite] = backends();
  if (!pglite) throw new Error("no PGlite backend");
  const lines: string[] = [];
  const svc = await startService(pglite, { MORES_WRITE_LANE: writeLane, LOG_LEVEL: "info" }, { logLines: lines });
  const tenant = await newTenant(svc, "lane-parity");
  const limited = await expectJson<{ key: string }>(
    svc.send("POST", `${tenant.path}/keys`, {
      key: tenant.keys.admin,
      body: { role: "platform", name: "limited", rate_limit: { per_second: 0.001, burst: 2 } },
    }),
    201,
  );
  return { svc, tenant, lines, limited: limited.key };
}

beforeAll(async () => {
  [lane, app] = await Promise.all([side("on"), side("off")]);
});
afterAll(async () => {
  await Promise.all([lane?.svc.close(), app?.svc.close()]);
});

/** The access lines written since `from`, without what differs by nature (time taken, ids). */
function accessLines(s: Side, from: number) {
  return s.lines
    .slice(from)
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => l.msg === "request" && l.route === "/v1/communities/:community/moderate");
}

/** Sends `sent` to both services; expects the same answer, served by the lane or not as `byLane` says. */
async function bothAlike(sent: Sent, byLane: boolean, status: number): Promise<Exchange> {
  const [laneFrom, appFrom] = [lane.lines.length, app.lines.length];
  // The platform key's bucket refills between requests: how many tokens are left differs by a moment's timing.
  const refilling = (e: Exchange): Exchange => ({
    ...e,
    headers: { ...e.headers, ratelimit: (e.headers.ratelimit ?? "").replace(/r=\d+/, "r=…") },
  });
  const viaLane = refilling(await exchange(lane, sent));
  const viaApp = refilling(await exchange(app, sent));
  expect(viaApp.status, viaApp.body).toBe(status);
  expect(viaLane).toEqual(viaApp);
  const [laneLine] = accessLines(lane, laneFrom);
  const [appLine] = accessLines(app, appFrom);
  expect(laneLine?.lane ?? false).toBe(byLane);
  expect(appLine?.lane).toBeUndefined();
  const comparable = (l: Record<string, unknown> | undefined) => {
    const { ms: _ms, requestId: _id, key: _key, lane: _lane, time: _time, ...rest } = l ?? {};
    return rest;
  };
  expect(comparable(laneLine)).toEqual(comparable(appLine));
  return viaLane;
}

describe("the write lane answers exactly as the app does", () => {
  it("serves a plain moderation: the summary, Location, Preference-Applied and the rate limit's headers", async () => {
    const answer = await bothAlike({ body: JSON.stringify(benign), headers: MINIMAL }, true, 201);
    expect(answer.headers["preference-applied"]).toBe("return=minimal");
    expect(answer.headers.location).toMatch(/^\/v1\/communities\/lane-parity\/rulings\/rul_…$/);
    expect(answer.headers.ratelimit).toMatch(/^"key";r=…;t=\d+$/);
    expect(JSON.parse(answer.body)).toMatchObject({ decision: "allow", norms: [] });
  });

  it("cites the engaged norms; a wait asked for but not needed is not applied", async () => {
    const answer = await bothAlike(
      { body: JSON.stringify(violated), headers: { prefer: "return=minimal, wait=0.5" } },
      true,
      201,
    );
    expect(JSON.parse(answer.body).norms.length).toBeGreaterThan(0);
  });

  it("says Vary: Accept-Encoding to a client that accepts compression", async () => {
    const answer = await bothAlike(
      { body: JSON.stringify(benign), headers: { ...MINIMAL, "accept-encoding": "gzip, br" } },
      true,
      201,
    );
    expect(answer.headers.vary).toBe("Accept-Encoding");
  });

  it.each([
    ["no Prefer", {}],
    ["Prefer: return=representation", { prefer: "return=representation" }],
    ["gzip", { "accept-encoding": "gzip" }],
    ["br preferred", { "accept-encoding": "gzip;q=0.5, br" }],
  ])("serves the whole ruling (%s), compressed where the client accepts it", async (_name, headers) => {
    const answer = await bothAlike({ body: JSON.stringify(violated), headers }, true, 201);
    expect(answer.headers["preference-applied"]).toBeUndefined();
    expect(JSON.parse(answer.body)).toMatchObject({ facts: expect.any(Object), trace: expect.any(Object) });
    const accepted = (headers as Record<string, string>)["accept-encoding"];
    expect(answer.headers["content-encoding"]).toBe(accepted ? (accepted.includes("br") ? "br" : "gzip") : undefined);
  });

  it("replays an Idempotency-Key (200, Idempotent-Replayed) and refuses the key reused for other content", async () => {
    const key = { ...MINIMAL, "idempotency-key": "lane-parity-1" };
    await bothAlike({ body: JSON.stringify({ content: { text: "first words" } }), headers: key }, true, 201);
    const again = await bothAlike(
      { body: JSON.stringify({ content: { text: "first words" } }), headers: key },
      true,
      200,
    );
    expect(again.headers["idempotent-replayed"]).toBe("true");
    const reused = await bothAlike(
      { body: JSON.stringify({ content: { text: "other words" } }), headers: key },
      true,
      422,
    );
    expect(JSON.parse(reused.body).code).toBe("idempotency_key_reused");
  });

  it.each([
    ["a body that is not JSON", "{not json", 400],
    ["a body the schema refuses", JSON.stringify({ content: { txt: "no text field" } }), 400],
    ["a NUL in the text", JSON.stringify({ content: { text: "a\u0000b" } }), 400],
    ["text over the limit", JSON.stringify({ content: { text: "a".repeat(70_000) } }), 413],
  ])("hands %s to the app, which answers it", async (_name, body, status) => {
    await bothAlike({ body, headers: MINIMAL }, false, status);
  });

  it.each([
    ["no key", { key: "none" as const }, 401],
    ["a key whose role may not moderate", { key: "editor" as const }, 403],
    ["another community's path", { path: "/v1/communities/default/moderate" }, 403],
    [
      "a community that does not exist",
      { key: "operator" as const, path: "/v1/communities/no-such-place/moderate" },
      404,
    ],
    ["an Idempotency-Key that is not printable ASCII", { headers: { ...MINIMAL, "idempotency-key": "a b" } }, 400],
    ["a body that is not said to be JSON", { headers: { ...MINIMAL, "content-type": "text/plain" } }, 415],
    ["a query the route does not take", { path: "/v1/communities/lane-parity/moderate?x=1" }, 400],
  ])("leaves %s to the app", async (_name, sent, status) => {
    await bothAlike({ body: JSON.stringify(benign), headers: MINIMAL, ...sent }, false, status);
  });

  it("spends a key's limit once per request: the request past it is the app's 429, with the same headers", async () => {
    const sent = { body: JSON.stringify(benign), headers: MINIMAL };
    const limited = (s: Side): Side => ({
      ...s,
      tenant: { ...s.tenant, keys: { ...s.tenant.keys, platform: s.limited } },
    });
    for (const status of [201, 201, 429]) {
      const [a, b] = [await exchange(limited(lane), sent), await exchange(limited(app), sent)];
      expect(b.status, b.body).toBe(status);
      expect(a).toEqual(b);
    }
    const refused = await exchange(limited(lane), sent);
    expect(refused.headers["retry-after"]).toMatch(/^\d+$/);
    expect(JSON.parse(refused.body).code).toBe("rate_limited");
  });

  it("the service without the lane never says a request was the lane's", () => {
    const lines = accessLines(app, 0);
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.filter((l) => l.lane)).toEqual([]);
  });
});
