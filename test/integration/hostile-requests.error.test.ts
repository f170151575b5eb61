import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { backends } from "../support/backends.js";
import { jsonPaths, replaceAt } from "../support/json-leaves.js";
import { documentedRoutes, fillPath, pathParams, type Route } from "../support/openapi-routes.js";
import { rawRequest } from "../support/raw-http.js";
import { OPERATOR_KEY, startService, type TestService } from "../support/service.js";
import { tableCounts } from "../support/table-counts.js";
import { newTenant } from "../support/tenants.js";

/**
 * Each class of request that used to get a 500 (or a bare status with no
 * body) from the fuzzer, on every route of /openapi.json: malformed
 * %-escapes in the path, NUL and lone surrogates in any string of a body or
 * query, content types the OpenAPI gate refused by throwing, oversized
 * headers, requests Node or the adapter cannot parse. Each gets a
 * problem+json 4xx, and not one row is written.
 */

const AUTH = { authorization: `Bearer ${OPERATOR_KEY}` };
const BAD_ESCAPES = ["%zz", "%", "%E0%A4", "%ED%A0%80", "%C0%AF", "ok%00"];

describe.each(backends())("hostile requests on $name", (backend) => {
  let svc: TestService;
  let port: number;
  let routes: Route[];
  let before: Record<string, number>;
  /** A community's key: the access check decoded the community segment for it, and threw on `%zz`. */
  let tenantKey: string;
  const path = (r: Route, value = "default") => fillPath(r.path, (p) => (p === "community" ? "default" : value));

  async function expectProblem(res: Response, status: number | "4xx", code?: string, what = "") {
    const text = await res.text();
    if (status === "4xx") expect(res.status, `${what} ${text}`).toBeGreaterThanOrEqual(400);
    else expect(res.status, `${what} ${text}`).toBe(status);
    expect(res.status, what).toBeLessThan(500);
    expect(res.headers.get("content-type"), what).toBe("application/problem+json");
    const body = JSON.parse(text) as { code: string; status: number; requestId: string; location?: unknown };
    expect(body.status, what).toBe(res.status);
    if (code) expect(body.code, `${what} ${text}`).toBe(code);
    return body;
  }

  beforeAll(async () => {
    svc = await startService(backend, { MORES_WEBHOOK_INTERVAL_MS: "0" });
    port = Number(new URL(svc.base).port);
    // The compatibility routes answer in their APIs' error shapes; their suites are shims-*.test.ts.
    routes = (await documentedRoutes(svc)).filter((r) => !r.compat);
    tenantKey = (await newTenant(svc, "alpha")).keys.admin;
    before = await tableCounts(svc.service.services.db);
  });
  afterAll(async () => {
    // Every request above was refused: nothing was written, in any table.
    expect(await tableCounts(svc.service.services.db)).toEqual(before);
    await svc?.close();
  });

  it("a malformed %-escape or %00 in any path segment: 400 invalid_encoding naming the segment, on every route", async () => {
    expect(routes.length).toBeGreaterThan(35);
    for (const r of routes.filter((x) => pathParams(x.path).length > 0))
      for (const bad of BAD_ESCAPES)
        for (const key of [OPERATOR_KEY, tenantKey]) {
          const target = fillPath(r.path, () => bad);
          const res = await fetch(svc.base + target, { method: r.method, headers: { authorization: `Bearer ${key}` } });
          const body = await expectProblem(res, 400, "invalid_encoding", `${r.method} ${target}`);
          expect(body.location).toMatchObject({ in: "path", segment: 3 });
        }
  });

  it("a malformed %-escape or %00 in a query parameter: 400 invalid_encoding naming it", async () => {
    for (const r of routes.filter((x) => x.query.length > 0))
      for (const name of r.query)
        for (const bad of ["%zz", "%ED%B0%80", "a%00b"]) {
          const res = await fetch(`${svc.base}${path(r)}?${name}=${bad}`, { method: r.method, headers: AUTH });
          const body = await expectProblem(res, 400, "invalid_encoding", `${r.method} ${r.path}?${name}=${bad}`);
          expect(body.location).toMatchObject({ in: "query", parameter: name });
        }
  });

  it("NUL or a lone surrogate in any string of any body, or in a key: 400 naming its JSON pointer and offset", async () => {
    const send = (r: Route, body: unknown) =>
      fetch(svc.base + path(r), {
        method: r.method,
        headers: { ...AUTH, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    let probed = 0;
    for (const r of routes.filter((x) => x.hasBody && x.body !== undefined)) {
      for (const leaf of jsonPaths(r.body, "strings"))
        for (const [bad, found] of [
          ["\u0000", "U+0000"],
          ["\ud800", "U+D800"],
          ["\udfff", "U+DFFF"],
        ] as const) {
          const res = await send(
            r,
            replaceAt(r.body, leaf, (s) => `${(s as string).slice(0, 2)}${bad}${(s as string).slice(2)}`),
          );
          const body = await expectProblem(res, 400, "invalid_encoding", `${r.method} ${r.path} ${leaf.join("/")}`);
          expect(body.location).toEqual({ in: "body", pointer: `/${leaf.join("/")}`, offset: 2, found });
          probed++;
        }
      const keyed = await send(r, { ...(r.body as object), "x\u0000y": 1 });
      expect((await expectProblem(keyed, 400, "invalid_encoding")).location).toMatchObject({ pointer: "/x\u0000y" });
    }
    expect(probed).toBeGreaterThan(50);
  });

  it("a body nested 200,000 deep is a 400, with or without a NUL at the bottom, not a stack overflow", async () => {
    const deep = (inner: string) =>
      `{"content":{"text":"x"},"author":${"[".repeat(200_000)}${inner}${"]".repeat(200_000)}}`;
    for (const [inner, code] of [
      ['"\\u0000"', "invalid_encoding"],
      ['"ok"', "invalid_request"],
    ]) {
      const res = await fetch(`${svc.base}/v1/communities/default/moderate`, {
        method: "POST",
        headers: { ...AUTH, "content-type": "application/json" },
        body: deep(inner as string),
      });
      await expectProblem(res, 400, code, `nested ${inner}`);
    }
  });

  it("the portable body path (Workers: a Web Request, maybe without Content-Length) refuses the same", async () => {
    const app = createApp({ services: () => svc.service.services, defaultCommunity: "default" });
    const post = (body: string) =>
      app.request("/v1/communities/default/moderate", {
        method: "POST",
        headers: { ...AUTH, "content-type": "application/json" },
        body,
      });
    await expectProblem(await post('{"content":{"text":"a\\u0000b"}}'), 400, "invalid_encoding");
    await expectProblem(await post('{"content":{"text":"\\udc00"}}'), 400, "invalid_encoding");
    await expectProblem(await post("x".repeat(9 * 1024 * 1024)), 413, "payload_too_large");
  });

  it("content types the route validators refuse are a 415 problem, never a rethrown 500", async () => {
    const types = [
      "application/json; charset",
      "application/json;;",
      "text/plain",
      "application/xml",
      "multipart/form-data; boundary=x",
    ];
    for (const r of routes.filter((x) => x.hasBody && x.body !== undefined))
      for (const type of types) {
        const res = await fetch(svc.base + path(r), {
          method: r.method,
          headers: { ...AUTH, "content-type": type },
          body: JSON.stringify(r.body),
        });
        await expectProblem(res, 415, "unsupported_media_type", `${r.method} ${r.path} ${type}`);
      }
    // An empty body with a foreign type reaches the OpenAPI gate itself, which throws its own 415.
    const gated = routes.find((x) => x.hasBody && x.body !== undefined) as Route;
    const res = await fetch(svc.base + path(gated), {
      method: gated.method,
      headers: { ...AUTH, "content-type": "text/plain" },
      body: "",
    });
    await expectProblem(res, 415, "unsupported_media_type", "empty text/plain body");
  });

  it("oversized headers get 431 with a problem+json body, not Node's bare status", async () => {
    const res = await rawRequest(
      port,
      `GET /v1/communities/default/rulings HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${"a".repeat(20_000)}\r\nConnection: close\r\n\r\n`,
    );
    expect(res.status).toBe(431);
    expect(res.headers["content-type"]).toBe("application/problem+json");
    expect(JSON.parse(res.body)).toMatchObject({
      status: 431,
      code: "headers_too_large",
      requestId: expect.stringMatching(/^req_/),
    });
    const viaFetch = await fetch(`${svc.base}/v1/communities/default/rulings`, {
      headers: { ...AUTH, "x-big": "b".repeat(20_000) },
    });
    await expectProblem(viaFetch, 431, "headers_too_large");
  });

  it("requests Node or the adapter cannot read get a 400 problem+json: bad request line, bad header, backslash, bad Host", async () => {
    const requests = [
      "GET /v1/communities/default/rulings HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n",
      "G@T / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
      "GET /v1/communities/default/rulings HTTP/1.1\r\nHost: x\r\nBad Header: y\r\nConnection: close\r\n\r\n",
      "POST /v1/communities/default/moderate HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\nConnection: close\r\n\r\nhello",
      "GET /v1/communities\\default/rulings HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
      "GET /v1/communities/default/rulings HTTP/1.1\r\nHost: exa mple@@\r\nConnection: close\r\n\r\n",
    ];
    for (const request of requests) {
      const res = await rawRequest(port, request);
      const what = JSON.stringify(request.slice(0, 60));
      expect(res.status, what).toBe(400);
      expect(res.headers["content-type"], what).toBe("application/problem+json");
      expect(JSON.parse(res.body), what).toMatchObject({
        status: 400,
        code: expect.stringMatching(/^malformed_request|invalid_encoding$/),
      });
    }
  });

  it("a wrong method on any route is a 4xx problem", async () => {
    for (const r of routes)
      for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => m !== r.method)) {
        if (routes.some((o) => o.path === r.path && o.method === method)) continue;
        const res = await fetch(svc.base + path(r, "rul_00000000000000000000000000"), {
          method,
          headers: { ...AUTH, "content-type": "application/json" },
          ...(method === "GET" ? {} : { body: "{}" }),
        });
        await expectProblem(res, "4xx", undefined, `${method} ${r.path}`);
      }
  });
});
