import { request } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ruling, RulingSummary } from "../../src/domain/index.js";
import { backends } from "../support/backends.js";
import { httpCases } from "../support/http-cases.js";
import { OPERATOR_KEY, startService, type TestService } from "../support/service.js";

const MODERATE = "/v1/communities/default/moderate";
const cases = httpCases();
const allowed = cases.find((c) => c.decision === "allow" && !c.norm);
const violated = cases.find((c) => c.norm?.outcome === "violated");

/** A raw POST (node:http does not decompress): the bytes on the wire, with their headers. */
function post(base: string, path: string, body: unknown, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: Buffer }>(
    (resolve, reject) => {
      const req = request(`${base}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${OPERATOR_KEY}`, ...headers },
      });
      req.on("response", (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }),
        );
      });
      req.on("error", reject);
      req.end(JSON.stringify(body));
    },
  );
}

describe("compact and compressed answers (PGlite)", () => {
  let svc: TestService;
  beforeAll(async () => {
    const [pglite] = backends();
    if (!pglite) throw new Error("no PGlite backend");
    svc = await startService(pglite);
  });
  afterAll(() => svc?.close());

  it("Prefer: return=minimal answers an allow in under 400 bytes, and says the preference was applied", async () => {
    const res = await post(svc.base, MODERATE, allowed?.body, { prefer: "return=minimal" });
    expect(res.status).toBe(201);
    expect(res.headers["preference-applied"]).toBe("return=minimal");
    expect(res.bytes.byteLength).toBeLessThan(400);
    const summary = JSON.parse(res.bytes.toString()) as RulingSummary & { facts?: unknown };
    expect(summary).toMatchObject({ decision: "allow", norms: [], appeal_until: expect.any(String) });
    expect(summary.facts).toBeUndefined();
    // Facts, evidence and trace are one GET away.
    const full = (await (await svc.get(summary.links.self)).json()) as Ruling;
    expect(full.id).toBe(summary.id);
    expect(full.facts).toBeTypeOf("object");
  });

  it("cites each engaged norm as id@version with its outcome and action", async () => {
    const res = await post(svc.base, MODERATE, violated?.body, { Prefer: "RETURN = minimal; x=1, wait=1" });
    const summary = JSON.parse(res.bytes.toString()) as RulingSummary;
    expect(summary.decision).toBe(violated?.decision);
    expect(summary.norms).toContainEqual({
      norm: `${violated?.norm?.id}@1`,
      outcome: "violated",
      action: expect.any(String),
    });
  });

  it("without the preference, the whole ruling comes back (the default) and no preference is claimed", async () => {
    const res = await post(svc.base, MODERATE, allowed?.body, {});
    expect(res.headers["preference-applied"]).toBeUndefined();
    const ruling = JSON.parse(res.bytes.toString()) as Ruling;
    expect(ruling.facts).toBeTypeOf("object");
    expect(ruling.trace).toBeTypeOf("object");
  });

  it.each([
    ["gzip", "gzip", gunzipSync],
    ["br", "br;q=1, gzip;q=0.5", brotliDecompressSync],
  ] as const)("compresses a large answer with %s when the client accepts it", async (coding, accept, decode) => {
    const res = await post(svc.base, MODERATE, violated?.body, { "accept-encoding": accept });
    expect(res.status).toBe(201);
    expect(res.headers["content-encoding"]).toBe(coding);
    expect(res.headers.vary).toContain("Accept-Encoding");
    const plain = decode(res.bytes);
    expect(res.bytes.byteLength).toBeLessThan(plain.byteLength / 2);
    expect((JSON.parse(plain.toString()) as Ruling).decision).toBe(violated?.decision);
  });

  it("leaves small answers, and clients that accept no coding, uncompressed", async () => {
    const small = await post(svc.base, MODERATE, allowed?.body, {
      prefer: "return=minimal",
      "accept-encoding": "gzip",
    });
    expect(small.headers["content-encoding"]).toBeUndefined();
    expect((JSON.parse(small.bytes.toString()) as RulingSummary).decision).toBe("allow");
    const identity = await post(svc.base, MODERATE, violated?.body, { "accept-encoding": "identity, gzip;q=0" });
    expect(identity.headers["content-encoding"]).toBeUndefined();
    expect((JSON.parse(identity.bytes.toString()) as Ruling).decision).toBe(violated?.decision);
  });
});
