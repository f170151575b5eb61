import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROLES } from "../../src/domain/index.js";
import { repoPath } from "../helpers/packs.js";
import { mapConcurrently } from "../support/concurrently.js";
import { httpTargets } from "../support/http-targets.js";
import { documentedRoutes, type Route } from "../support/openapi-routes.js";
import type { TestService } from "../support/service.js";
import { expectJson, newTenant, type Tenant } from "../support/tenants.js";

/**
 * Tenant isolation, for every route in the OpenAPI document — including
 * routes added later: the routes are read from /openapi.json, not listed
 * here. Community B's resources are real; community A's keys (every role)
 * try to read and change them, directly and by guessing ids in A's own
 * namespace; missing, malformed and revoked keys try everything.
 */

const cases = parse(readFileSync(repoPath("test/fixtures/judgment-cases.yaml"), "utf8")) as Record<string, unknown>;
const MUTATING = new Set(["POST", "PATCH", "PUT", "DELETE"]);
/** Refused requests in flight at once: enough to overlap workerd's round trips, few enough for a busy machine. */
const REFUSALS_AT_ONCE = 8;

/** Which of community B's resources an `{id}` stands for, by the path segment before it. */
type Resources = Record<string, string>;

function fill(path: string, community: string, ids: Resources): string {
  const segments = path.split("/");
  return segments
    .map((s, i) => {
      const param = /^\{(\w+)\}$/.exec(s)?.[1];
      if (!param) return s;
      if (param === "community") return community;
      const owner = segments[i - 1] as string;
      const id = ids[owner];
      if (!id)
        throw new Error(
          `${path}: no resource of community B for "{${param}}" after "${owner}" — add one to the suite's fixtures`,
        );
      return encodeURIComponent(id);
    })
    .join("/");
}

/** An id of the same shape that names nothing. */
const guess = (id: string) => (/^[a-z]+_/.test(id) ? `${id.slice(0, -8)}zzzzzzzz` : "no-such-norm");

describe.each(httpTargets({ workerd: true }))("tenant isolation on $name", (target) => {
  let svc: TestService;
  let a: Tenant;
  let b: Tenant;
  let routes: Route[];
  /** The compatibility routes (Perspective, OpenAI): community named in the body, errors in their API's shape. */
  let compat: Route[];
  let bIds: Resources;
  let guessed: Resources;
  let revokedKey: string;
  /** Strings only community B's data contains: none may appear in any answer to A. */
  let bSecrets: string[];

  const snapshotB = async () => {
    // last_used_at moves because B's own admin reads the snapshot; what A does must change nothing else.
    const get = (path: string) =>
      svc
        .send("GET", `${b.path}${path}`, { key: b.keys.admin })
        .then((r) => r.text())
        .then((t) => t.replace(/"last_used_at":("[^"]*"|null)/g, '"last_used_at":"…"'));
    const paths = ["", "/rulings", "/appeals", "/webhooks", "/keys", "/proposals", "/audit", "/reviews", "/pack"];
    return Promise.all(paths.map(get));
  };

  beforeAll(async () => {
    svc = await target.start();
    a = await newTenant(svc, "alpha");
    b = await newTenant(svc, "beta");
    const asB = (key: string, method: string, path: string, body?: unknown) =>
      expectJson<{ id: string }>(svc.send(method, `${b.path}${path}`, { key, ...(body ? { body } : {}) }), 201);
    const ruling = await asB(b.keys.platform, "POST", "/moderate", {
      content: { id: "beta-post-5e8c", text: "beta-only secret text zq7f3a" },
    });
    const queued = await asB(b.keys.platform, "POST", "/moderate", cases.reclaimed);
    const appeal = await asB(b.keys.platform, "POST", `/rulings/${ruling.id}/appeals`, {
      grounds: "beta grounds zq9c2e",
    });
    const webhook = await asB(b.keys.admin, "POST", "/webhooks", {
      url: "http://127.0.0.1:9/beta",
      events: ["ruling.created"],
    });
    const proposal = await asB(b.keys.editor, "POST", "/proposals", {
      title: "beta proposal zq4d1b",
      change: { kind: "remove_norm", id: "spam-scams" },
    });
    bIds = {
      rulings: ruling.id,
      contents: "beta-post-5e8c",
      reviews: queued.id,
      appeals: appeal.id,
      webhooks: webhook.id,
      keys: b.keyIds.platform,
      proposals: proposal.id,
      norms: "slurs",
    };
    guessed = Object.fromEntries(Object.entries(bIds).map(([k, v]) => [k, guess(v)]));
    bSecrets = [
      ...Object.values(bIds).filter((v) => v !== "slurs"),
      "zq7f3a",
      "zq9c2e",
      "zq4d1b",
      ...Object.values(b.keys),
    ];
    // Six-letter markers with "z" and "q": no hex hash can hold one, and a random base32 id only once in a
    // billion positions. A four-hex-digit marker ("4d1b") once turned up by chance in A's own key listing.

    const doomed = await expectJson<{ id: string; key: string }>(
      svc.send("POST", `${a.path}/keys`, { key: a.keys.admin, body: { role: "admin" } }),
      201,
    );
    await expectJson(svc.send("DELETE", `${a.path}/keys/${doomed.id}`, { key: a.keys.admin }), 200);
    revokedKey = doomed.key;

    const documented = await documentedRoutes(svc);
    routes = documented.filter((r) => !r.compat);
    compat = documented.filter((r) => r.compat);
  });
  afterAll(() => svc?.close());

  const send = (route: Route, path: string, key: string | null) =>
    svc.send(route.method, path, { key, ...(route.hasBody && route.body !== undefined ? { body: route.body } : {}) });

  async function problemOf(res: Response): Promise<{ status: number; code: string; text: string }> {
    const text = await res.text();
    if (res.status >= 400) expect(res.headers.get("content-type"), text).toBe("application/problem+json");
    return { status: res.status, code: res.status >= 400 ? (JSON.parse(text) as { code: string }).code : "ok", text };
  }

  it("every /v1 route declares its roles, and every body has an example to probe it with", () => {
    expect(routes.length).toBeGreaterThan(35);
    for (const r of routes) {
      expect(r.roles.length, `${r.method} ${r.path} declares no x-roles`).toBeGreaterThan(0);
      for (const role of r.roles) expect([...ROLES, "operator"]).toContain(role);
      if (r.hasBody) expect(r.body, `${r.method} ${r.path} has no request example`).toBeDefined();
    }
  });

  // A refused request changes nothing, so the refusals below are sent several at a time.
  it("no key, a malformed key or a revoked key gets 401 everywhere, whether or not the resource exists", async () => {
    const keys = [null, "", "mores_key_nonsense", `${a.keys.admin.slice(0, -1)}x`, revokedKey];
    const places = [
      ["beta", bIds],
      ["beta", guessed],
      ["gamma", guessed],
    ] as const;
    const tries = routes.flatMap((r) =>
      places.flatMap(([community, ids]) => keys.map((key) => ({ r, path: fill(r.path, community, ids), key }))),
    );
    await mapConcurrently(tries, REFUSALS_AT_ONCE, async ({ r, path, key }) => {
      const p = await problemOf(await send(r, path, key));
      expect([p.status, p.code], `${r.method} ${path} with key ${JSON.stringify(key?.slice(0, 12))}`).toEqual([
        401,
        "unauthenticated",
      ]);
    });
    // 15 requests per route, and the routes grow: one at a time on workerd under load this took close to 30 s.
  }, 90_000);

  it("every key of community A gets 403 on community B's routes, the same for real and guessed ids", async () => {
    const tries = routes.flatMap((r) => ROLES.map((role) => ({ r, role })));
    await mapConcurrently(tries, REFUSALS_AT_ONCE, async ({ r, role }) => {
      const real = await problemOf(await send(r, fill(r.path, "beta", bIds), a.keys[role]));
      const fake = await problemOf(await send(r, fill(r.path, "beta", guessed), a.keys[role]));
      expect([real.status, real.code], `${role} ${r.method} ${r.path}`).toEqual([403, "forbidden"]);
      expect(fake.text.replace(/req_\w+/g, "")).toEqual(real.text.replace(/req_\w+/g, ""));
    });
  });

  it("a role a route does not declare gets 403 in its own community, before anything is looked up", async () => {
    const tries = routes.flatMap((r) => ROLES.filter((x) => !r.roles.includes(x)).map((role) => ({ r, role })));
    await mapConcurrently(tries, REFUSALS_AT_ONCE, async ({ r, role }) => {
      const p = await problemOf(await send(r, fill(r.path, "alpha", guessed), a.keys[role]));
      expect([p.status, p.code], `${role} ${r.method} ${r.path}`).toEqual([403, "forbidden"]);
    });
  });

  it("A's admin guessing B's ids in A's own routes learns nothing: the same answer as for ids that name nothing", async () => {
    const anonymise = (text: string) => {
      let out = text.replace(/req_\w+/g, "req");
      for (const [k, v] of Object.entries(bIds)) out = out.replaceAll(v, guessed[k] as string);
      return out;
    };
    for (const r of routes.filter((x) => x.roles.includes("admin"))) {
      const realPath = fill(r.path, "alpha", bIds);
      const real = await problemOf(await send(r, realPath, a.keys.admin));
      const fake = await problemOf(await send(r, fill(r.path, "alpha", guessed), a.keys.admin));
      // The answer may repeat the id the caller sent; nothing else of B's may appear.
      for (const secret of bSecrets.filter((x) => !realPath.includes(x)))
        expect(real.text, `${r.method} ${r.path} leaks ${secret}`).not.toContain(secret);
      const guessesAnId = /\{(?!community\})\w+\}/.test(r.path) && !r.path.includes("/norms/{id}"); // norm ids name A's own norms
      if (guessesAnId) {
        expect(real.status, `${r.method} ${r.path}`).toBeGreaterThanOrEqual(400);
        expect(anonymise(real.text), `${r.method} ${r.path}`).toEqual(anonymise(fake.text));
      }
    }
  });

  /** A compatibility route's example body, naming `community` where its API names one. */
  const naming = (r: Route, community: string) => {
    const body = { ...(r.body as Record<string, unknown>) };
    if ("communityId" in body) body.communityId = community;
    if ("model" in body) body.model = `mores:${community}`;
    return body;
  };
  /** The status and error code of a compatibility route's answer, read from Google's or OpenAI's error shape. */
  async function compatError(res: Response): Promise<{ status: number; code: string; text: string }> {
    const text = await res.text();
    if (res.status < 400) return { status: res.status, code: "ok", text };
    expect(res.headers.get("content-type"), text).toMatch(/^application\/json/);
    const { error } = JSON.parse(text) as { error: { code?: unknown; status?: string; type?: string } };
    return { status: res.status, code: String(error.status ?? error.code), text };
  }
  const sendCompat = (r: Route, community: string, key: string | null) =>
    svc.send(r.method, r.path, { key, body: naming(r, community) });

  it("the compatibility routes are documented, declare their roles and name their community in the body", () => {
    expect(compat.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      "POST /v1/moderations",
      "POST /v1alpha1/comments:analyze",
      "POST /v1alpha1/comments:suggestscore",
    ]);
    for (const r of compat) {
      expect(r.roles.length).toBeGreaterThan(0);
      expect(JSON.stringify(r.body)).toMatch(/"communityId":"default"|"model":"mores:default"/);
    }
  });

  it("compatibility routes: no, malformed or revoked key is 401; A's keys naming B, real or not, 403 alike", async () => {
    for (const r of compat) {
      for (const key of [null, "", "mores_key_nonsense", `${a.keys.admin.slice(0, -1)}x`, revokedKey]) {
        const p = await compatError(await sendCompat(r, "beta", key));
        expect(p.status, `${r.path} with key ${JSON.stringify(key?.slice(0, 12))}`).toBe(401);
      }
      for (const role of ROLES) {
        const real = await compatError(await sendCompat(r, "beta", a.keys[role]));
        const fake = await compatError(await sendCompat(r, "gamma", a.keys[role]));
        expect(real.status, `${role} ${r.path}`).toBe(403);
        expect(fake.text.replace(/req_\w+/g, "")).toEqual(real.text.replace(/req_\w+/g, ""));
        // A role the route does not declare is refused in A's own community too.
        if (!r.roles.includes(role))
          expect((await compatError(await sendCompat(r, "alpha", a.keys[role]))).status, `${role} ${r.path}`).toBe(403);
      }
    }
  });

  it("after all of that, community B is exactly as it was", async () => {
    const before = await snapshotB();
    for (const r of compat) for (const role of ROLES) await sendCompat(r, "beta", a.keys[role]);
    for (const r of routes.filter((x) => MUTATING.has(x.method)))
      for (const role of ROLES) await send(r, fill(r.path, "beta", bIds), a.keys[role]);
    expect(await snapshotB()).toEqual(before);
    // And the operator-only routes stay closed to every community key.
    for (const role of ROLES)
      expect((await svc.send("GET", "/v1/communities", { key: b.keys[role] })).status).toBe(403);
  });
});
