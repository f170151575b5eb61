import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { repoPath } from "../helpers/packs.js";

/** test/fixtures/ops-scenario.yaml: the traffic of the outage and log-hygiene suites. */
export type OpsScenario = {
  moderations: Array<{ text: string; author: string; groups?: string[] }>;
  appeal: { grounds: string; rationale: string; moderator: string };
  invalid_text_field: string;
  idempotency_key: string;
};

export const opsScenario = (): OpsScenario =>
  parse(readFileSync(repoPath("test/fixtures/ops-scenario.yaml"), "utf8")) as OpsScenario;

/** The moderate body for the scenario's i-th message, made unique by `salt` so each is a new ruling. */
export function moderationBody(s: OpsScenario, i: number, salt: string) {
  const m = s.moderations[i % s.moderations.length] as OpsScenario["moderations"][number];
  return {
    content: { id: `post-${salt}-${i}`, text: m.text },
    author: { id: m.author, ...(m.groups ? { groups: m.groups } : {}) },
  };
}
