import { call, HttpError, type Remote } from "../cli/api-client.js";
import { compilePack, type LoadedPack } from "../norms/load-pack.js";
import { formatPackError } from "../norms/pack-error.js";
import { type CaseResult, type Runner, requestOf } from "./runner.js";
import { verdictOfDecision } from "./verdict.js";

/** The batch endpoint's limit. */
const BATCH = 100;
const RETRIES = 6;

type BatchAnswer = { rulings: Array<{ decision: string; norms: Array<{ id: string; outcome: string }> }> };

async function batchWithRetry(remote: Remote, items: unknown[], pause: (ms: number) => Promise<void>) {
  for (let attempt = 0; ; attempt++) {
    try {
      return (await call(remote, "POST", "/moderate/batch", { items })) as BatchAnswer;
    } catch (e) {
      // A rate limit is the service protecting itself, not a failure of the evaluation: wait and retry.
      if (!(e instanceof HttpError) || e.problem?.code !== "rate_limited" || attempt >= RETRIES) throw e;
      await pause(500 * 2 ** attempt);
    }
  }
}

/**
 * Judges cases with a running service, through its batch endpoint, with the
 * norm set in force for the community (and whatever model the service has).
 * Every case becomes a recorded ruling there: point it at a community kept for
 * evaluation.
 */
export function remoteRunner(
  remote: Remote,
  pause: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Runner {
  return {
    name: `${remote.base} community ${remote.community}`,
    async run(cases) {
      const results: CaseResult[] = [];
      for (let i = 0; i < cases.length; i += BATCH) {
        const answer = await batchWithRetry(remote, cases.slice(i, i + BATCH).map(requestOf), pause);
        for (const ruling of answer.rulings) {
          const verdict = verdictOfDecision(ruling.decision);
          if (!verdict) throw new Error(`the service answered decision "${ruling.decision}", which eval does not know`);
          results.push({
            verdict,
            decision: ruling.decision,
            norms: ruling.norms.filter((n) => n.outcome !== "excepted").map((n) => `${n.id}:${n.outcome}`),
          });
        }
      }
      return results;
    },
  };
}

/** A norm-set version of the service's community, compiled here so it can be judged in-process. */
export async function fetchPackVersion(remote: Remote, version: number): Promise<LoadedPack> {
  const pack = (await call(remote, "GET", `/pack?version=${version}`)) as { files: Record<string, string> };
  const label = `${remote.community}@${version}`;
  const { loaded, errors } = await compilePack(pack.files, label);
  if (!loaded) throw new Error(`norm-set ${label} does not compile here:\n${errors.map(formatPackError).join("\n")}`);
  return loaded;
}
