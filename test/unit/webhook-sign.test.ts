import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newSecret, signedHeaders, verify } from "../../src/webhooks/sign.js";

const NOW = new Date("2026-11-22T14:09:41.137Z");
const BODY = '{"id":"evt_1","type":"ruling.created","data":{"decision":"hide"}}';

describe("Standard Webhooks signing", () => {
  it("reproduces the published Standard Webhooks test vector", () => {
    const headers = signedHeaders(
      "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      "msg_p5jXN8AQM9LWM0D4loKWxJek",
      new Date(1614265330 * 1000),
      '{"test": 2432232314}',
    );
    expect(headers).toEqual({
      "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
      "webhook-timestamp": "1614265330",
      "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    });
  });

  it("signs base64(HMAC-SHA256(base64-decoded secret, id.timestamp.body)), computed here independently", () => {
    const secret = newSecret();
    const key = Buffer.from(secret.slice("whsec_".length), "base64");
    const timestamp = Math.floor(NOW.getTime() / 1000);
    const expected = createHmac("sha256", key).update(`evt_1.${timestamp}.${BODY}`).digest("base64");
    expect(signedHeaders(secret, "evt_1", NOW, BODY)["webhook-signature"]).toBe(`v1,${expected}`);
  });

  it("makes secrets of 32 random bytes, never the same twice", () => {
    const a = newSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(a.slice(6), "base64")).toHaveLength(32);
    expect(newSecret()).not.toBe(a);
  });

  describe("verify", () => {
    const secret = newSecret();
    const headers = signedHeaders(secret, "evt_1", NOW, BODY);
    const at = { now: NOW };

    it("accepts the exact body with the right secret", () => {
      expect(verify(secret, headers, BODY, at)).toBe(true);
    });

    it("rejects a tampered body, a wrong secret, or another id", () => {
      expect(verify(secret, headers, BODY.replace("hide", "allow"), at)).toBe(false);
      expect(verify(secret, headers, `${BODY} `, at)).toBe(false);
      expect(verify(newSecret(), headers, BODY, at)).toBe(false);
      expect(verify(secret, { ...headers, "webhook-id": "evt_2" }, BODY, at)).toBe(false);
    });

    it("rejects a timestamp outside the tolerance (a replayed capture), in either direction", () => {
      const later = { now: new Date(NOW.getTime() + 6 * 60_000) };
      const earlier = { now: new Date(NOW.getTime() - 6 * 60_000) };
      expect(verify(secret, headers, BODY, later)).toBe(false);
      expect(verify(secret, headers, BODY, earlier)).toBe(false);
      expect(verify(secret, headers, BODY, { ...later, toleranceSeconds: 600 })).toBe(true);
    });

    it("accepts any one valid signature among several (secret rotation), and nothing malformed", () => {
      const rotated = { ...headers, "webhook-signature": `v1,bm9wZQ== ${headers["webhook-signature"]}` };
      expect(verify(secret, rotated, BODY, at)).toBe(true);
      const bare = headers["webhook-signature"].slice(3);
      for (const signature of [bare, `v2,${bare}`, "v1,", "", "v1,bm9wZQ=="]) {
        expect(verify(secret, { ...headers, "webhook-signature": signature }, BODY, at)).toBe(false);
      }
      expect(verify(secret, { ...headers, "webhook-timestamp": "soon" }, BODY, at)).toBe(false);
      const { "webhook-id": _, ...noId } = headers;
      expect(verify(secret, noId, BODY, at)).toBe(false);
    });
  });
});
