import type { OpenAPIHono, RouteConfig } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "zod";
import type { AppEnv } from "./app-env.js";
import { JSON_TYPE } from "./middleware/parse-json-body.js";
import { validationHook } from "./validation.js";

declare const anApp: OpenAPIHono<AppEnv>;
/** The handler `app.openapi(route, handler)` takes for `R`, typed as the library types it. */
type RouteHandlerOf<R extends RouteConfig> = Parameters<typeof anApp.openapi<R>>[1];

/**
 * @hono/zod-openapi's own tests: the media type gate's (415; the same test parse-json-body.ts applies, JSON_TYPE)
 * and the JSON validator's (whether to parse).
 */
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

type Target = "param" | "header" | "json";
type Result = { success: true; data: unknown } | { success: false; error: unknown };

/**
 * `app.openapi(route, handler)` for the routes on a platform's write path (moderate, check): the same OpenAPI
 * registration and the same checks, answers and problem codes as the library's validators (params, headers, the
 * media type gate, the JSON body, in that order, each failure through the app's validation hook), in one
 * middleware with zod's synchronous parse. The library runs four middlewares, parses each part with
 * `safeParseAsync` and copies every request header (materialising Node's headers as a Web Headers) to validate
 * two. A route with anything else to validate (query, cookies, other media types, an optional body) is
 * registered by the library as usual.
 *
 * @example openapiRoute(app, moderateRoute, async (c) => c.json(await moderate(...c.req.valid("json"))))
 */
export function openapiRoute<R extends RouteConfig>(app: OpenAPIHono<AppEnv>, route: R, handler: RouteHandlerOf<R>) {
  const { request } = route;
  const content = request?.body?.content ?? {};
  const types = Object.keys(content);
  const body = (content["application/json"] as { schema?: unknown } | undefined)?.schema;
  const plain =
    !route.middleware &&
    !route.hide &&
    !request?.query &&
    !request?.cookies &&
    (types.length === 0 || (types.length === 1 && body instanceof z.ZodType && request?.body?.required === true));
  if (!plain) return app.openapi(route, handler);
  app.openAPIRegistry.registerPath(route);
  const validate = validateRequest(
    request?.params as z.ZodObject | undefined,
    request?.headers as z.ZodObject | undefined,
    body as z.ZodType | undefined,
  );
  app.on([route.method], [route.path.replaceAll(/\/{(.+?)}/g, "/:$1")], validate, handler as never);
}

function validateRequest(
  params: z.ZodObject | undefined,
  headers: z.ZodObject | undefined,
  body: z.ZodType | undefined,
): MiddlewareHandler<AppEnv> {
  const headerNames = headers ? Object.keys(headers.shape) : [];
  return async (c, next) => {
    if (params) {
      const refused = await check(c, "param", params, c.req.param());
      if (refused) return refused;
    }
    if (headers) {
      // What the library validates: every header, by the schema's names; an object schema drops the others.
      const value: Record<string, string> = {};
      for (const name of headerNames) {
        const v = c.req.header(name);
        if (v !== undefined) value[name] = v;
      }
      const refused = await check(c, "header", headers, value);
      if (refused) return refused;
    }
    if (body) {
      const type = c.req.header("content-type");
      if (type ? !JSON_TYPE.test(type) : await hasRequestBody(c))
        throw new HTTPException(415, { message: "Unsupported Media Type" });
      let value: unknown = {};
      if (type && JSON_MEDIA_TYPE.test((type.split(";")[0] as string).trim())) {
        try {
          value = await c.req.json();
        } catch {
          throw new HTTPException(400, { message: "Malformed JSON in request body" });
        }
      }
      const refused = await check(c, "json", body, value);
      if (refused) return refused;
    }
    return next(); // returned, not awaited: this frame ends here instead of being held until the answer
  };
}

/** Validates one part: undefined once its data is on the request for `c.req.valid`, else the hook's answer. */
function check(
  c: Context<AppEnv>,
  target: Target,
  schema: z.ZodType,
  value: unknown,
): Response | undefined | Promise<Response | undefined> {
  const result = parse(schema, value);
  if (result instanceof Promise) return result.then((settled) => answer(c, target, settled, value));
  return answer(c, target, result, value);
}

function answer(c: Context<AppEnv>, target: Target, result: Result, value: unknown): Response | undefined {
  if (result.success) {
    c.req.addValidatedData(target, result.data as never);
    return undefined;
  }
  const hooked = validationHook({ ...result, data: value, target } as never, c as never);
  return hooked instanceof Response ? hooked : c.json(result, 400);
}

/** zod's synchronous parse; a schema with asynchronous refinements (none today) is parsed the asynchronous way. */
function parse(schema: z.ZodType, value: unknown): Result | Promise<Result> {
  try {
    return schema.safeParse(value) as Result;
  } catch (e) {
    if (e instanceof z.core.$ZodAsyncError) return schema.safeParseAsync(value) as Promise<Result>;
    throw e;
  }
}

/** The library's test for a body sent without a content type (the media type gate refuses it with 415). */
async function hasRequestBody(c: Context<AppEnv>): Promise<boolean> {
  const raw = c.req.raw;
  if (raw.body === null) return false;
  if (raw.bodyUsed) return (await c.req.arrayBuffer()).byteLength > 0;
  const stream = raw.clone().body;
  if (stream === null) return false;
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return false;
      if (value.byteLength > 0) return true;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}
