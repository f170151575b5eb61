import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { repoPath } from "../helpers/packs.js";
import { httpTargets } from "../support/http-targets.js";
import type { TestService } from "../support/service.js";
import { expectJson, newTenant, type Tenant } from "../support/tenants.js";
import { MAX_TEXT } from "../support/worst-case-texts.js";

type Bombs = { refused: string[]; linear: Array<{ regex: string; matches: string[]; misses: string[] }> };
type Proposal = { id: string; status: string; report: { adoptable: boolean; replay: { replayed: number } } };
type Ruling = { decision: string; norm_set_version: number; facts: { patterns: string[] } };
type Problem = { code: string; errors?: string[] };

const bombs: Bombs = parse(await readFile(repoPath("test/fixtures/pattern-bombs.yaml"), "utf8"));
/** `(a+)+$`, which an editor's proposal once got adopted: 4.8 s at 30 characters on V8, then 2.6 s per live message. */
const nested = bombs.linear[0] as Bombs["linear"][number];
const bombText = nested.misses[0] as string;
/** The same shape at the request limit: V8 would never finish it. */
const longBomb = bombText.repeat(Math.floor(MAX_TEXT / bombText.length));

describe.each(httpTargets())("pattern bombs in proposals on $name", (target) => {
  let svc: TestService;
  let t: Tenant;
  const as = (key: string, method: string, path: string, body?: unknown) =>
    svc.send(method, `${t.path}${path}`, { key, ...(body === undefined ? {} : { body }) });
  const moderate = (text: string) =>
    expectJson<Ruling>(as(t.keys.platform, "POST", "/moderate", { content: { text } }), 201);
  /** The community's pack with one more pattern, as a whole-pack proposal. */
  const withPattern = async (regex: string) => {
    const { files } = await expectJson<{ files: Record<string, string> }>(as(t.keys.editor, "GET", "/pack"), 200);
    const patterns = parse(files["patterns.yaml"] ?? "patterns: []") as { patterns: unknown[] };
    patterns.patterns.push({ id: "bomb", description: "An editor's pattern.", regex });
    return as(t.keys.editor, "POST", "/proposals", {
      title: "a new pattern",
      change: { kind: "pack", files: { ...files, "patterns.yaml": stringify(patterns) } },
    });
  };

  beforeAll(async () => {
    svc = await target.start();
    t = await newTenant(svc, "patterns");
    // Recorded before the proposal, so its replay runs the proposed pattern over the bomb text too.
    await moderate(longBomb);
  });
  afterAll(() => svc?.close());

  it("a pattern that needs backtracking is refused, naming file, line and path, and nothing is stored", async () => {
    const before = (await expectJson<{ data: unknown[] }>(as(t.keys.editor, "GET", "/proposals"), 200)).data.length;
    for (const regex of bombs.refused) {
      const res = await withPattern(regex);
      expect(res.status, regex).toBe(422);
      const problem = (await res.json()) as Problem;
      expect(problem.code).toBe("proposal_invalid");
      expect(problem.errors?.join("\n"), regex).toMatch(
        /^proposal\/patterns\.yaml:\d+ patterns\[\d+\]\.regex: cannot run in linear time/m,
      );
    }
    const after = (await expectJson<{ data: unknown[] }>(as(t.keys.editor, "GET", "/proposals"), 200)).data.length;
    expect(after).toBe(before);
  });

  it("a nested-quantifier pattern is adopted and costs linear time, in the replay and in live moderation", async () => {
    const proposal = await expectJson<Proposal>(withPattern(nested.regex), 201);
    expect(proposal.report.adoptable).toBe(true);
    expect(proposal.report.replay.replayed).toBeGreaterThan(0);
    const adopted = await expectJson<Proposal>(as(t.keys.admin, "POST", `/proposals/${proposal.id}/adopt`), 200);
    expect(adopted.status).toBe("adopted");

    for (const text of [bombText, longBomb]) {
      const ruling = await moderate(text);
      expect(ruling.norm_set_version).toBe(2);
      expect(ruling.facts.patterns).not.toContain("bomb");
    }
    expect((await moderate(nested.matches[0] as string)).facts.patterns).toContain("bomb");
    // A 64 KiB text moderated and replayed several times: seconds here, more beside many other jobs.
  }, 120_000);
});
