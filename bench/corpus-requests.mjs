import { readFileSync } from "node:fs";

/** The bench corpus as evaluation requests, for the plain-JavaScript A/B benches (bench/corpus.ts is TypeScript). */
export const corpusRequests = (path = "bench/corpus.jsonl") =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const { text, author, context } = JSON.parse(line);
      return { content: { text }, ...(author ? { author } : {}), ...(context ? { context } : {}) };
    });
