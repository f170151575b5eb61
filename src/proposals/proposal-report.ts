import type { Services } from "../context.js";
import { MoresError, type NormPack } from "../domain/index.js";
import { canonicalJson } from "../lib/hash.js";
import type { ActiveNormSet } from "../norms/norm-set-cache.js";
import { diffPackFiles, type FileDiff, summariseDiff } from "../norms/pack-diff.js";
import { formatPackError } from "../norms/pack-error.js";
import { type PackFiles, parsePack } from "../norms/parse-pack.js";
import { describeFailure, runExamples } from "../norms/run-examples.js";
import { compileNormSet } from "../rules/compile.js";
import { canonicalFiles } from "./proposed-files.js";
import { type ReplayReport, replayRulings } from "./replay.js";

type ItemChanges = { added: string[]; removed: string[]; changed: string[] };

export type ProposalReport = {
  base_version: number;
  changes: { norms: ItemChanges; lexicons: ItemChanges; manifest: boolean; groups: boolean; patterns: boolean };
  diff: { summary: ReturnType<typeof summariseDiff>; files: FileDiff[] };
  examples: {
    total: number;
    passed: number;
    failed: Array<{ norm: string; index: number; text: string; expected: string; got: string; why: string }>;
  };
  replay: ReplayReport;
  adoptable: boolean;
  /** Why it cannot be adopted, in words; empty when it can. */
  blocking: string[];
};

function itemChanges<T>(before: T[], after: T[], id: (t: T) => string): ItemChanges {
  const a = new Map(before.map((t) => [id(t), canonicalJson(t)]));
  const b = new Map(after.map((t) => [id(t), canonicalJson(t)]));
  return {
    added: [...b.keys()].filter((k) => !a.has(k)).sort(),
    removed: [...a.keys()].filter((k) => !b.has(k)).sort(),
    changed: [...b.keys()].filter((k) => a.has(k) && a.get(k) !== b.get(k)).sort(),
  };
}

/**
 * Validates a proposed pack and reports on it: what changes against the
 * version in force (items and a line diff of their canonical files), every
 * example of every norm run under it, and the community's recent rulings
 * replayed under both. Invalid packs are refused with every problem located.
 */
export async function buildProposalReport(
  ctx: Services,
  inForce: ActiveNormSet,
  files: PackFiles,
): Promise<{ pack: NormPack; report: ProposalReport }> {
  const { pack, errors } = parsePack(files, "proposal");
  if (!pack) {
    const listed = errors.map(formatPackError);
    throw new MoresError(
      "proposal_invalid",
      `${listed.length} problem(s): ${listed
        .slice(0, 3)
        .map((l) => l.split("\n")[0])
        .join("; ")}`,
      {
        errors: listed,
      },
    );
  }
  let compiled: ReturnType<typeof compileNormSet>;
  try {
    compiled = compileNormSet(pack);
  } catch (e) {
    throw new MoresError("proposal_invalid", `the pack does not compile: ${(e as Error).message}`, { errors: [] });
  }
  const results = await runExamples(compiled);
  const failed = results
    .filter((r) => !r.passed)
    .map((r) => ({
      norm: r.norm,
      index: r.index,
      text: r.example.text,
      expected: r.example.exception ? `${r.example.expect} (${r.example.exception})` : r.example.expect,
      got: r.gotExceptions.length ? `${r.got} (${r.gotExceptions.join(", ")})` : r.got,
      why: describeFailure(r),
    }));
  const proposed = { ...inForce, pack, compiled };
  const replay = await replayRulings(ctx, inForce, proposed, inForce.settings.proposals.replay_count);
  const diff = diffPackFiles(canonicalFiles(inForce.pack), canonicalFiles(pack));
  const blocking = failed.map((f) => `example ${f.index + 1} of norm "${f.norm}" fails: ${f.why} — "${f.text}"`);
  return {
    pack,
    report: {
      base_version: inForce.version,
      changes: {
        norms: itemChanges(inForce.pack.norms, pack.norms, (n) => n.id),
        lexicons: itemChanges(inForce.pack.lexicons, pack.lexicons, (l) => l.name),
        manifest: canonicalJson(inForce.pack.manifest) !== canonicalJson(pack.manifest),
        groups: canonicalJson(inForce.pack.groups) !== canonicalJson(pack.groups),
        patterns: canonicalJson(inForce.pack.patterns) !== canonicalJson(pack.patterns),
      },
      diff: { summary: summariseDiff(diff), files: diff },
      examples: { total: results.length, passed: results.length - failed.length, failed },
      replay,
      adoptable: blocking.length === 0,
      blocking,
    },
  };
}
