import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { MoresError, OPENAI_CATEGORIES } from "../../domain/index.js";
import { moderations } from "../../shims/openai.js";
import type { AppEnv } from "../app-env.js";
import { access } from "../middleware/authorize.js";
import { json, requestBody } from "../schemas.js";
import { shimCommunity } from "../shim-community.js";
import { moresExtension } from "./perspective-analyze.js";

const MAX_TEXT = 65536;
const MAX_INPUTS = 100;

const contentPart = z.union([
  z.object({ type: z.literal("text"), text: z.string() }),
  z.object({ type: z.literal("image_url"), image_url: z.object({ url: z.string() }) }),
]);

const moderationRequest = z
  .object({
    input: z.union([z.string(), z.array(z.union([z.string(), contentPart]))]),
    model: z.string().max(128).optional().meta({
      description: "`mores:<community>` judges with that community's norms; any other name (or none): the key's own.",
    }),
    mores: moresExtension.optional(),
  })
  .meta({ id: "CreateModerationRequest" });

const categories = <T extends z.ZodType>(value: T) =>
  z.object(
    Object.fromEntries(OPENAI_CATEGORIES.map((c) => [c, value])) as Record<(typeof OPENAI_CATEGORIES)[number], T>,
  );

const moderationResponse = z
  .object({
    id: z.string(),
    model: z.string(),
    results: z.array(
      z.object({
        flagged: z.boolean(),
        categories: categories(z.boolean()),
        category_scores: categories(z.number()),
        category_applied_input_types: categories(z.array(z.literal("text"))),
      }),
    ),
  })
  .meta({ id: "CreateModerationResponse" });

const openaiError = z
  .object({
    error: z.object({
      message: z.string(),
      type: z.string(),
      param: z.string().nullable(),
      code: z.string().nullable(),
    }),
  })
  .meta({ id: "OpenAIError" });

/** The texts to judge: each string of an array alone; the text parts of a content-part list together. */
function textsOf(input: z.infer<typeof moderationRequest>["input"]): string[] {
  if (typeof input === "string") return [input];
  if (input.length === 0) throw new MoresError("invalid_request", "input is empty", { issues: [{ path: "input" }] });
  if (input.length > MAX_INPUTS) throw new MoresError("batch_too_large", `input holds at most ${MAX_INPUTS} strings`);
  const strings = input.filter((x): x is string => typeof x === "string");
  if (strings.length === input.length) return strings;
  if (strings.length > 0)
    throw new MoresError("invalid_request", "input mixes strings and content parts", { issues: [{ path: "input" }] });
  const parts = input as Array<Exclude<(typeof input)[number], string>>;
  const image = parts.findIndex((p) => p.type !== "text");
  if (image >= 0)
    throw new MoresError("unsupported_input", "mores judges text only: remove the image_url part", {
      issues: [{ path: `input.${image}` }],
    });
  return [parts.map((p) => (p.type === "text" ? p.text : "")).join("\n")];
}

export const moderationsRoute = createRoute({
  method: "post",
  path: "/v1/moderations",
  operationId: "openaiCreateModeration",
  ...access("platform"),
  "x-community": "body",
  tags: ["compatibility"],
  summary: "OpenAI-compatible: moderation scores from recorded rulings",
  description:
    "OpenAI's request and response. `model: mores:<community>` selects the community (default: the key's own). " +
    "Each input is judged and recorded as a ruling; the ids, in input order, are in `Mores-Ruling-Id`.",
  request: { body: requestBody(moderationRequest, { model: "mores:default", input: "See you at the match tonight!" }) },
  responses: {
    200: json(moderationResponse, "One result per input; ruling ids in Mores-Ruling-Id"),
    ...Object.fromEntries(
      [400, 401, 403, 404, 413, 429].map((s) => [s, json(openaiError, "An error in OpenAI's shape")]),
    ),
  },
});

export const registerOpenAIModerations = (app: OpenAPIHono<AppEnv>) =>
  app.openapi(moderationsRoute, async (c) => {
    const body = c.req.valid("json");
    const texts = textsOf(body.input);
    const too = texts.findIndex((t) => t.length > MAX_TEXT);
    if (too >= 0) throw new MoresError("text_too_large", `input ${too} is longer than ${MAX_TEXT} characters`);
    const named = body.model?.startsWith("mores:") ? body.model.slice(6) : undefined;
    const community = await shimCommunity(c, named, "model: mores:<community>");
    const { body: answer, rulings } = await moderations(c.get("services"), community, texts, body.mores ?? {});
    c.header("Mores-Ruling-Id", rulings.map((r) => r.id).join(", "));
    return c.json(answer, 200);
  });
