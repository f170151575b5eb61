import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { repoPath } from "../helpers/packs.js";

/** One spelling of an internal target (test/fixtures/webhook-targets.yaml). */
export type RefusedTarget = { class: string; url: string; reason: string };

const fixture = parse(readFileSync(repoPath("test/fixtures/webhook-targets.yaml"), "utf8")) as {
  refused: RefusedTarget[];
  allowed: string[];
};

/** Every refused spelling, with PORT replaced (by a live receiver's port where a slip would reach it). */
export const refusedTargets = (port: number | string = 80): RefusedTarget[] =>
  fixture.refused.map((t) => ({ ...t, url: t.url.replace("PORT", String(port)) }));

export const allowedTargets = (): string[] => fixture.allowed;

/**
 * A resolver that answers from a table, as DNS would, so tests choose what a
 * name resolves to (and when it changes); an unknown name is not found.
 */
export function tableResolver(table: Record<string, string[] | (() => string[])>) {
  const calls: string[] = [];
  const resolve = async (hostname: string) => {
    calls.push(hostname);
    const entry = table[hostname];
    if (!entry) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return typeof entry === "function" ? entry() : entry;
  };
  return { resolve, calls };
}
