import type { Services } from "../context.js";
import {
  type Author,
  type EvaluationRequest,
  MoresError,
  PERSPECTIVE_ATTRIBUTES,
  PERSPECTIVE_CORE,
  type PerspectiveAttribute,
} from "../domain/index.js";
import { judgeAndRecord, type ShimContext, shimContext } from "./judge.js";
import { perspectiveScore } from "./scores.js";

/** A Perspective `comments:analyze` request, as the HTTP layer has validated it. */
export type AnalyzeInput = {
  text: string;
  /** The conversation before the comment (context.entries or articleAndParentComment's parent). */
  parent?: string;
  requestedAttributes: Record<string, { scoreType?: string | undefined; scoreThreshold?: number | undefined }>;
  languages?: string[] | undefined;
  doNotStore?: boolean | undefined;
  spanAnnotations?: boolean | undefined;
  dropUnsupportedAttributes?: boolean | undefined;
  clientToken?: string | undefined;
  /** mores's extension: who wrote it, and external classifier scores. */
  author?: Author | undefined;
  signals?: Record<string, number> | undefined;
};

const isAttribute = (name: string): name is PerspectiveAttribute =>
  (PERSPECTIVE_ATTRIBUTES as readonly string[]).includes(name);

/** Attributes a community answers: the core seven, and the rest where one of its norms informs them. */
function answered(context: ShimContext, name: PerspectiveAttribute): boolean {
  return (
    (PERSPECTIVE_CORE as readonly string[]).includes(name) ||
    context.norms.some((n) => context.declared(n)?.perspective?.includes(name))
  );
}

/**
 * Checks the attributes and languages before anything is judged or recorded:
 * a request Perspective would refuse is refused here with the same meaning.
 */
function attributesToScore(input: AnalyzeInput, context: ShimContext): PerspectiveAttribute[] {
  const names = Object.keys(input.requestedAttributes);
  if (names.length === 0)
    throw new MoresError("invalid_request", "requestedAttributes must name at least one attribute");
  for (const lang of input.languages ?? [])
    if (!context.languages.includes(lang.toLowerCase().split("-")[0] as string))
      throw new MoresError(
        "unsupported_language",
        `Attribute ${names[0]} does not support request languages: ${lang} (this community's norms read ${context.languages.join(", ")})`,
      );
  const kept: PerspectiveAttribute[] = [];
  for (const name of names) {
    if (!isAttribute(name)) throw new MoresError("unknown_attribute", `Unknown attribute: ${name}`);
    const type = input.requestedAttributes[name]?.scoreType;
    if (type !== undefined && type !== "PROBABILITY")
      throw new MoresError("invalid_request", `Attribute ${name}: scoreType ${type} is not supported; use PROBABILITY`);
    if (answered(context, name)) kept.push(name);
    else if (!input.dropUnsupportedAttributes)
      throw new MoresError("unsupported_attribute", `Attribute ${name} is not informed by any norm of this community`);
  }
  return kept;
}

const score = (value: number) => ({ value, type: "PROBABILITY" as const });

/**
 * Perspective's `comments:analyze` over a mores ruling: the comment is judged
 * and recorded like any moderated content (only its hash when `doNotStore`),
 * and each requested attribute is scored from the ruling (see scores.ts).
 */
export async function analyzeComment(ctx: Services, community: string, input: AnalyzeInput) {
  const context = await shimContext(ctx, community);
  const attributes = attributesToScore(input, context);
  const request: EvaluationRequest = {
    content: { text: input.text },
    ...(input.author ? { author: input.author } : {}),
    ...(input.parent !== undefined ? { context: { parent: { text: input.parent } } } : {}),
    ...(input.signals ? { signals: input.signals } : {}),
  };
  const { ruling } = await judgeAndRecord(ctx, community, request, input.doNotStore === true);
  type Score = ReturnType<typeof score>;
  const attributeScores: Record<
    string,
    { summaryScore: Score; spanScores: Array<{ begin: number; end: number; score: Score }> }
  > = {};
  for (const name of attributes) {
    const { score: value, spans } = perspectiveScore(ruling, context.declared, name);
    if (value < (input.requestedAttributes[name]?.scoreThreshold ?? 0)) continue;
    // Without span annotations Perspective scores the whole comment as one span.
    const spanScores =
      input.spanAnnotations && spans.length > 0
        ? spans.map((s) => ({ begin: s.begin, end: s.end, score: score(s.score) }))
        : [{ begin: 0, end: input.text.length, score: score(value) }];
    attributeScores[name] = { summaryScore: score(value), spanScores };
  }
  const body = {
    attributeScores,
    languages: input.languages ?? context.languages,
    // mores does not detect languages: it reads the text in the languages its pack has words for.
    ...(input.languages ? {} : { detectedLanguages: context.languages }),
    ...(input.clientToken !== undefined ? { clientToken: input.clientToken } : {}),
  };
  return { body, ruling };
}
