import { describe, expect, it } from "vitest";
import { applySettingsPatch, defaultSettings } from "../../src/domain/index.js";
import { applyRouting } from "../../src/moderation/routing.js";
import { evaluate } from "../../src/rules/evaluate.js";
import { pack } from "../helpers/packs.js";

async function routed(text: string, routing: Record<string, string>, groups?: string[]) {
  const { compiled } = await pack("norms/default");
  const settings = applySettingsPatch(defaultSettings(), { routing } as Parameters<typeof applySettingsPatch>[1]);
  const request = { content: { text }, ...(groups ? { author: { groups } } : {}) };
  return applyRouting(compiled, settings, await evaluate(compiled, request));
}

describe("community routing of what rules cannot settle", () => {
  const unsettled = "Muslims moved in next door. Disgusting.";

  it("sends unsettled group hostility to judgment by default", async () => {
    const e = await routed(unsettled, {});
    expect(e.decision).toBe("review");
    expect(e.norms.find((n) => n.norm === "group-derogation")?.outcome).toBe("needs_judgment");
  });

  it("lets it through when the community chose allow, and says which exception", async () => {
    const e = await routed(unsettled, { unsettled_group_hostility: "allow" });
    expect(e.decision).toBe("allow");
    const r = e.norms.find((n) => n.norm === "group-derogation");
    expect(r?.outcome).toBe("excepted");
    expect(r?.exception).toBe("unsettled-hostility");
  });

  it("still removes settled hostility when unsettled hostility is allowed", async () => {
    const e = await routed("Muslims are vermin.", { unsettled_group_hostility: "allow" });
    expect(e.decision).toBe("remove");
  });

  it("excepts declared reclamation by rules by default, and asks for judgment when the community requires it", async () => {
    const text = "Proud dyke here and I'm not going anywhere.";
    const byRules = await routed(text, {}, ["lesbian"]);
    expect(byRules.decision).toBe("allow");
    const judged = await routed(text, { reclamation: "judge" }, ["lesbian"]);
    expect(judged.decision).toBe("review");
    const r = judged.norms.find((n) => n.norm === "slurs");
    expect(r?.outcome).toBe("needs_judgment");
    expect(r?.candidates?.map((c) => c.exception)).toEqual(["declared-reclamation"]);
  });

  it("rejects an unknown routing value", () => {
    expect(() =>
      applySettingsPatch(defaultSettings(), { routing: { unsettled_group_hostility: "ignore" } } as never),
    ).toThrow();
  });
});
