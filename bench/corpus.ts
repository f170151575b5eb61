import { readFileSync } from "node:fs";
import type { EvaluationRequest } from "../src/domain/index.js";

/** The bench corpus (or another file of its shape) as evaluation requests: text, and author and context when set. */
export function readCorpus(path = "bench/corpus.jsonl"): EvaluationRequest[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const { text, author, context } = JSON.parse(line);
      return { content: { text }, ...(author ? { author } : {}), ...(context ? { context } : {}) };
    });
}

/** The corpus (or another file of its shape) as request bodies, one JSON object a line: what wrk's script sends. */
export const corpusBodies = (path?: string): string =>
  readCorpus(path)
    .map((r) => JSON.stringify(r))
    .join("\n");
