import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { parse } from "yaml";
import type { Ruling } from "../../src/domain/index.js";
import { repoPath } from "../helpers/packs.js";

/** A moderation call and what a platform must see: the same cases run on Node and inside workerd. */
export type HttpCase = {
  name: string;
  body: unknown;
  decision: string;
  norm?: { id: string; outcome: string; candidate?: string };
};

export const httpCases = (): HttpCase[] =>
  parse(readFileSync(repoPath("test/fixtures/http-cases.yaml"), "utf8")) as HttpCase[];

/** Checks a /moderate answer against its case. */
export async function expectCase(res: Response, c: HttpCase): Promise<Ruling> {
  const text = await res.text();
  expect(res.status, text).toBe(201);
  const ruling = JSON.parse(text) as Ruling;
  expect(ruling.decision).toBe(c.decision);
  if (!c.norm) expect(ruling.norms).toEqual([]);
  else {
    const n = ruling.norms.find((x) => x.id === c.norm?.id);
    expect(n?.outcome).toBe(c.norm.outcome);
    expect(n?.version).toBe(1);
    if (c.norm.candidate) expect(n?.candidates?.map((x) => x.exception)).toContain(c.norm.candidate);
  }
  return ruling;
}
