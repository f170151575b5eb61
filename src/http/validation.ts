import type { Hook } from "@hono/zod-openapi";
import type { z } from "zod";
import { MoresError } from "../domain/index.js";
import type { AppEnv } from "./app-env.js";
import { problem } from "./errors.js";

type Issue = z.core.$ZodIssue;

const pathOf = (issue: Issue) => issue.path.map(String).join(".");
// The text to judge, as each wire format names it: mores's content.text, Perspective's comment.text, OpenAI's input.
const isTextTooBig = (i: Issue) =>
  i.code === "too_big" &&
  i.origin === "string" &&
  /(^|\.)(content|comment)\.text$|^input(\.\d+)?(\.text)?$/.test(pathOf(i));
const isBatchTooBig = (i: Issue) => i.code === "too_big" && i.origin === "array" && /^(items|input)$/.test(pathOf(i));

/**
 * Turns a request that fails its zod schema into a problem+json answer: 413
 * for oversize text or batches, 400 with every issue otherwise. Nothing has
 * been written at this point.
 */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result, c) => {
  if (result.success) return;
  const issues = (result.error as z.ZodError).issues;
  const list = issues.map((i) => ({ path: pathOf(i), code: i.code, message: i.message }));
  if (issues.some(isBatchTooBig))
    return problem(c, new MoresError("batch_too_large", "a batch holds at most 100 items", { issues: list }));
  if (issues.some(isTextTooBig))
    return problem(
      c,
      new MoresError("text_too_large", "content text is limited to 65536 characters", { issues: list }),
    );
  const where = result.target === "json" ? "body" : result.target;
  return problem(c, new MoresError("invalid_request", `the ${where} does not match the schema`, { issues: list }));
};
