// The console's locks, over plain HTTP against the real Node service on PGlite (no browser needed to knock on doors).
import { readFileSync } from "node:fs";
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { reviewEvents, rulings } from "../../src/db/schema/index.js";
import type { Ruling } from "../../src/domain/index.js";
import { repoPath } from "../helpers/packs.js";
import { backends } from "../support/backends.js";
import { OPERATOR_KEY, startService, type TestService } from "../support/service.js";

const fixture = parse(readFileSync(repoPath("test/fixtures/console-cases.yaml"), "utf8")) as {
  review: { content: { text: string } };
};
const C = "/v1/communities/default";
const pglite = backends().find((b) => b.name === "pglite");

describe.skipIf(!pglite)("console sessions, roles and CSRF", () => {
  let svc: TestService;
  const keys: Record<string, { id: string; key: string }> = {};
  let n = 0;

  beforeAll(async () => {
    svc = await startService(pglite as NonNullable<typeof pglite>);
    for (const role of ["moderator", "editor"]) {
      keys[role] = (await (await svc.post(`${C}/keys`, { role, name: role })).json()) as { id: string; key: string };
    }
  });
  afterAll(() => svc?.close());

  /** A form posted as a same-origin browser would post it. */
  const post = (path: string, form: Record<string, string>, cookie = "", origin = svc.base) =>
    fetch(svc.base + path, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin, cookie },
      body: new URLSearchParams(form),
    });
  const get = (path: string, cookie: string) => fetch(svc.base + path, { redirect: "manual", headers: { cookie } });
  const signIn = async (key: string) => {
    const res = await post("/console/sign-in", { key });
    expect(res.status).toBe(303);
    return (res.headers.get("set-cookie") ?? "").split(";")[0] as string;
  };
  const tokenOf = async (cookie: string, path: string) =>
    /name="_csrf" value="([0-9a-f]+)"/.exec(await (await get(path, cookie)).text())?.[1] as string;
  const queued = async () => {
    const body = structuredClone(fixture.review);
    body.content.text += ` #${n++}`;
    return (await (await svc.post(`${C}/moderate`, body)).json()) as Ruling;
  };
  const counts = async () => {
    const db = svc.service.services.db;
    return {
      rulings: (await db.select({ n: count() }).from(rulings))[0]?.n,
      reviews: (await db.select({ n: count() }).from(reviewEvents))[0]?.n,
    };
  };

  it("a wrong key or the operator's key gets no session", async () => {
    const wrong = await post("/console/sign-in", { key: "mores_key_nope" });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("set-cookie")).toBeNull();
    const operator = await post("/console/sign-in", { key: OPERATOR_KEY });
    expect(operator.status).toBe(403);
    expect(await operator.text()).toContain("sign in with a key of your community");
  });

  it("the session cookie is signed, HttpOnly, SameSite=Strict, expires, and holds no key", async () => {
    const res = await post("/console/sign-in", { key: keys.moderator?.key as string });
    const header = res.headers.get("set-cookie") ?? "";
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Strict/);
    expect(header).toMatch(/Max-Age=28800/);
    expect(decodeURIComponent(header)).not.toContain(keys.moderator?.key);
    const cookie = header.split(";")[0] as string;
    expect((await get("/console/queue", cookie)).status).toBe(200);
    const forged = cookie.replace(encodeURIComponent('"role":"moderator"'), encodeURIComponent('"role":"admin"'));
    expect(forged).not.toBe(cookie);
    const refused = await get("/console/queue", forged);
    expect(refused.status).toBe(303);
    expect(refused.headers.get("location")).toMatch(/^\/console\/sign-in/);
  });

  it("a session ends when it expires or when its key is revoked", async () => {
    const cookie = await signIn(keys.editor?.key as string);
    const services = svc.service.services;
    const clock = services.clock;
    services.clock = () => new Date(Date.now() + 9 * 3_600_000);
    try {
      expect((await get("/console/norms", cookie)).status).toBe(303);
    } finally {
      services.clock = clock;
    }
    expect((await get("/console/norms", cookie)).status).toBe(200);
    expect((await svc.send("DELETE", `${C}/keys/${keys.editor?.id}`)).status).toBe(200);
    expect((await get("/console/norms", cookie)).status).toBe(303);
  });

  it("a form from another origin, or without the session's token, is refused and changes nothing", async () => {
    const cookie = await signIn(keys.moderator?.key as string);
    const ruling = await queued();
    const token = await tokenOf(cookie, `/console/rulings/${ruling.id}`);
    const before = await counts();
    const foreign = await post(`/console/rulings/${ruling.id}/claim`, { _csrf: token }, cookie, "http://evil.example");
    expect(foreign.status).toBe(403);
    const tokenless = await post(`/console/rulings/${ruling.id}/claim`, {}, cookie);
    expect(tokenless.status).toBe(403);
    const stale = await post(`/console/rulings/${ruling.id}/claim`, { _csrf: "0".repeat(48) }, cookie);
    expect(stale.status).toBe(403);
    expect(await counts()).toEqual(before);
    expect((await post(`/console/rulings/${ruling.id}/claim`, { _csrf: token }, cookie)).status).toBe(303);
  });

  it("a decision without a rationale, or on an exception the norms do not have, is a 400 that changes nothing", async () => {
    const cookie = await signIn(keys.moderator?.key as string);
    const ruling = await queued();
    const _csrf = await tokenOf(cookie, `/console/rulings/${ruling.id}`);
    const before = await counts();
    const silent = await post(
      `/console/rulings/${ruling.id}/decide`,
      { _csrf, choice: "allow", rationale: "  " },
      cookie,
    );
    expect(silent.status).toBe(400);
    // The case page comes back with the problem beside the form, so the moderator can correct it there.
    const page = await silent.text();
    expect(page).toMatch(/<p class="problem" role="alert" id="decision-problem">a decision needs a rationale<\/p>/);
    expect(page).toContain('aria-describedby="decision-problem"');
    const invented = await post(
      `/console/rulings/${ruling.id}/decide`,
      { _csrf, choice: "allow", exception: "because-i-said-so", rationale: "fine" },
      cookie,
    );
    expect(invented.status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it("the proposal form's old address leads to the form, a link and a posted form alike", async () => {
    const editor = (await (await svc.post(`${C}/keys`, { role: "editor", name: "mover" })).json()) as { key: string };
    const cookie = await signIn(editor.key);
    const link = await get("/console/proposals/new?norm=threats", cookie);
    expect(link.status).toBe(308);
    expect(link.headers.get("location")).toBe("/console/propose?norm=threats");
    const _csrf = await tokenOf(cookie, "/console/propose");
    const old = await post("/console/proposals/new", { _csrf, title: "", kind: "norm", yaml: "x: 1" }, cookie);
    expect(old.status).toBe(308);
    expect(old.headers.get("location")).toBe("/console/propose");
    // Followed as a browser follows a 308: the same form, posted again, is read (and refused for its empty title).
    const followed = await post(
      old.headers.get("location") as string,
      { _csrf, title: "", kind: "norm", yaml: "x: 1" },
      cookie,
    );
    expect(followed.status).toBe(422);
    expect(await followed.text()).toContain("give the proposal a title");
    // Any other id is not a page to post to.
    expect((await post("/console/proposals/prp_nope", { _csrf }, cookie)).status).toBe(404);
  });

  it("a role the API refuses is refused here too, reading or writing", async () => {
    const fresh = (await (await svc.post(`${C}/keys`, { role: "editor", name: "ed" })).json()) as { key: string };
    const cookie = await signIn(fresh.key);
    const ruling = await queued();
    expect((await get("/console/queue", cookie)).status).toBe(403);
    const _csrf = await tokenOf(cookie, "/console/norms");
    const before = await counts();
    const res = await post(`/console/rulings/${ruling.id}/decide`, { _csrf, choice: "allow", rationale: "ok" }, cookie);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain(
      "an editor key may not POST /v1/communities/default/reviews/:ruling_id/decision",
    );
    expect(await counts()).toEqual(before);
  });
});
