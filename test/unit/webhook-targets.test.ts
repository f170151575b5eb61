import { describe, expect, it } from "vitest";
import { parseAllowList } from "../../src/lib/net/allow-list.js";
import { parseCidr, parseIp } from "../../src/lib/net/ip-address.js";
import { TargetPolicy, TargetRefused } from "../../src/webhooks/target-policy.js";
import { allowedTargets, refusedTargets, tableResolver } from "../support/webhook-targets.js";

const strict = new TargetPolicy();

describe("the webhook target policy", () => {
  it("has at least the 24 classes of internal target the issue lists, each a distinct spelling", () => {
    const targets = refusedTargets();
    expect(targets.length).toBeGreaterThanOrEqual(24);
    expect(new Set(targets.map((t) => t.url)).size).toBe(targets.length);
  });

  it.each(refusedTargets())("refuses $class ($url) as $reason", ({ url, reason }) => {
    expect(strict.literalRefusal(new URL(url))).toMatchObject({
      reason,
      detail: expect.stringContaining("MORES_WEBHOOK_ALLOW_PRIVATE"),
    });
  });

  it.each(allowedTargets())("accepts the public target %s", (url) => {
    expect(strict.literalRefusal(new URL(url))).toBeNull();
  });

  it("allows exactly what MORES_WEBHOOK_ALLOW_PRIVATE lists, and nothing next to it", () => {
    const policy = new TargetPolicy(parseAllowList("127.0.0.1/32,10.1.0.0/16,hooks.internal,*.corp.example"));
    const reason = (url: string) => policy.literalRefusal(new URL(url))?.reason ?? null;
    expect(reason("http://127.0.0.1:8080/")).toBeNull();
    expect(reason("http://2130706433/")).toBeNull(); // the same address, spelled otherwise
    expect(reason("http://127.0.0.2/")).toBe("loopback");
    expect(reason("http://[::1]/")).toBe("loopback");
    expect(reason("http://10.1.200.3/")).toBeNull();
    expect(reason("http://10.2.0.1/")).toBe("private");
    expect(reason("http://169.254.169.254/")).toBe("metadata");
    expect(reason("http://localhost/")).toBe("loopback");
    expect(policy.resolvedRefusal("hooks.internal", "10.9.9.9")).toBeNull();
    expect(policy.resolvedRefusal("HOOKS.internal.", "10.9.9.9")).toBeNull();
    expect(policy.resolvedRefusal("a.corp.example", "192.168.0.4")).toBeNull();
    expect(policy.resolvedRefusal("corp.example.evil", "192.168.0.4")?.reason).toBe("private");
    expect(policy.resolvedRefusal("other.internal", "10.9.9.9")?.reason).toBe("private");
  });

  it("checks every resolved address: one internal address among public ones refuses the name", async () => {
    const { resolve } = tableResolver({
      "mixed.test": ["93.184.216.34", "127.0.0.1"],
      "mapped.test": ["2606:4700::1", "::ffff:10.0.0.7"],
      "public.test": ["93.184.216.34", "2606:4700:4700::1111"],
    });
    const policy = new TargetPolicy(undefined, resolve);
    await expect(policy.checkedAddresses("mixed.test")).rejects.toThrow(TargetRefused);
    await expect(policy.checkedAddresses("mapped.test")).rejects.toMatchObject({ refusal: { reason: "private" } });
    await expect(policy.checkedAddresses("public.test")).resolves.toEqual(["93.184.216.34", "2606:4700:4700::1111"]);
    // The address itself stays out of the message: registering names must not map an internal network.
    const refused = await policy.checkedAddresses("mixed.test").catch((e: TargetRefused) => e.refusal.detail);
    expect(refused).toMatch(/^"mixed\.test" resolves to a loopback address/);
    expect(refused).not.toContain("127.0.0.1");
  });

  it("at registration, refuses a name that resolves inside, and accepts one that does not resolve (yet) or is slow", async () => {
    const { resolve } = tableResolver({ "inside.test": ["192.168.1.10"], "outside.test": ["93.184.216.34"] });
    const slow = (host: string) =>
      host === "slow.test" ? new Promise<string[]>((r) => setTimeout(() => r(["127.0.0.1"]), 500)) : resolve(host);
    const policy = new TargetPolicy(undefined, slow, 50);
    expect((await policy.refusalAtRegistration(new URL("https://inside.test/h")))?.reason).toBe("private");
    expect(await policy.refusalAtRegistration(new URL("https://outside.test/h"))).toBeNull();
    expect(await policy.refusalAtRegistration(new URL("https://unknown.test/h"))).toBeNull();
    expect(await policy.refusalAtRegistration(new URL("https://slow.test/h"))).toBeNull(); // delivery checks again
  });

  it("parses addresses and networks strictly", () => {
    for (const bad of [
      "1.2.3",
      "1.2.3.4.5",
      "256.1.1.1",
      "1.2.3.-1",
      "::1::",
      "1:2:3:4:5:6:7:8:9",
      "12345::",
      "g::1",
      "",
    ])
      expect(parseIp(bad), bad).toBeNull();
    expect(Array.from(parseIp("::ffff:1.2.3.4") ?? [])).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 1, 2, 3, 4]);
    expect(Array.from(parseIp("[fe80::1%eth0]") ?? []).slice(0, 2)).toEqual([0xfe, 0x80]);
    for (const bad of ["10.0.0.0/33", "::/129", "10.0.0.0/8/8", "10.0.0.0/x"]) expect(parseCidr(bad), bad).toBeNull();
  });
});
