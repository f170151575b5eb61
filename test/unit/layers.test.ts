import { createRequire } from "node:module";
import { cruise, type IForbiddenRuleType } from "dependency-cruiser";
import { describe, expect, it } from "vitest";
import { repoPath } from "../helpers/packs.js";

const require = createRequire(import.meta.url);
const { forbidden, options } = require(repoPath(".dependency-cruiser.cjs")) as {
  forbidden: IForbiddenRuleType[];
  options: Record<string, unknown>;
};

/** The rule names `npm run check:layers` reports for the tree under `root`. */
async function violations(root: string): Promise<string[]> {
  const cwd = process.cwd();
  process.chdir(root);
  try {
    const result = await cruise(["src"], {
      ...options,
      ruleSet: { forbidden },
      validate: true,
      tsConfig: { fileName: repoPath("tsconfig.json") },
    } as never);
    const output = result.output as { summary: { violations: Array<{ rule: { name: string }; from: string }> } };
    return output.summary.violations.map((v) => `${v.rule.name} ${v.from}`).sort();
  } finally {
    process.chdir(cwd);
  }
}

describe("the layer check", () => {
  it("passes on the tree as it is", async () => {
    expect(await violations(repoPath("."))).toEqual([]);
  });

  it("fails on an upward import and on a cycle, even one through a type", async () => {
    expect(await violations(repoPath("test/fixtures/layers"))).toEqual([
      "engine-stays-below src/facts/upward.ts",
      "no-cycles src/rules/a.ts",
    ]);
  });
});
