import { describe, expect, it } from "vitest";
import { failureReason } from "../../src/webhooks/failure-reason.js";
import { TargetRefused } from "../../src/webhooks/target-policy.js";

const err = (message: string, fields: Record<string, unknown> = {}) => Object.assign(new Error(message), fields);

describe("what a failed delivery attempt is called", () => {
  it("names system failures by code and a fixed phrase, never by a message that could carry a receiver's words", () => {
    const leaky = "upstream said: password=hunter2";
    expect(failureReason(err(leaky, { code: "ECONNREFUSED" }))).toEqual({
      error: "connection refused (ECONNREFUSED)",
    });
    expect(failureReason(err("fetch failed", { cause: err(leaky, { code: "ECONNRESET" }) }))).toEqual({
      error: "connection reset (ECONNRESET)",
    });
    expect(failureReason(err(leaky, { code: "HPE_INVALID_CONSTANT" })).error).toBe(
      "the answer is not valid HTTP (HPE_INVALID_CONSTANT)",
    );
    expect(failureReason(err(leaky, { code: "DEPTH_ZERO_SELF_SIGNED_CERT" })).error).toMatch(/^TLS handshake failed/);
    expect(failureReason(err(leaky, { code: "ENOTFOUND" })).error).toBe("host not found (ENOTFOUND)");
    expect(failureReason(err(leaky, { code: "ESOMETHINGNEW" })).error).toBe("connection failed (ESOMETHINGNEW)");
    expect(failureReason(err(leaky, { code: "not a code: hunter2" })).error).toBe("connection failed");
    expect(failureReason(err(leaky)).error).toBe("connection failed");
  });

  it("makes a refusal by the target policy final, wherever it is wrapped", () => {
    const refused = new TargetRefused({ reason: "loopback", detail: '"x.test" resolves to a loopback address' });
    expect(failureReason(err("request failed", { cause: refused }))).toEqual({
      error: 'refused (loopback): "x.test" resolves to a loopback address',
      final: true,
    });
  });
});
