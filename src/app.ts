import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { createConsole } from "./console/console-app.js";
import type { Services } from "./context.js";
import { MoresError } from "./domain/index.js";
import { AdmissionGate } from "./http/admission-gate.js";
import type { AppEnv } from "./http/app-env.js";
import { dialect } from "./http/dialects.js";
import { problem } from "./http/errors.js";
import { accessLog } from "./http/middleware/access-log.js";
import { admission } from "./http/middleware/admission.js";
import { authorize, type RouteRoles, routeRoles } from "./http/middleware/authorize.js";
import { communityGuard } from "./http/middleware/community-guard.js";
import { type Compressor, compressAnswers } from "./http/middleware/compress.js";
import { knownQuery, type RouteQueries, routeQueries } from "./http/middleware/known-query.js";
import { type BodyReader, parseJsonBody } from "./http/middleware/parse-json-body.js";
import { requestId } from "./http/middleware/request-id.js";
import { traceRequest } from "./http/middleware/trace-request.js";
import { wellFormedUrl } from "./http/middleware/well-formed.js";
import { registerAppeals } from "./http/routes/appeals.js";
import { registerAudit } from "./http/routes/audit.js";
import { registerCheck } from "./http/routes/check.js";
import { registerCommunities } from "./http/routes/communities.js";
import { type DocsAssets, registerDocs } from "./http/routes/docs.js";
import { registerDryRun } from "./http/routes/dry-run.js";
import { registerHealth } from "./http/routes/health.js";
import { registerKeys } from "./http/routes/keys.js";
import { registerMetrics } from "./http/routes/metrics.js";
import { registerModerate } from "./http/routes/moderate.js";
import { registerModerateBatch } from "./http/routes/moderate-batch.js";
import { registerNorms } from "./http/routes/norms.js";
import { registerOpenAIModerations } from "./http/routes/openai-moderations.js";
import { registerPack } from "./http/routes/pack.js";
import { registerPerspectiveAnalyze } from "./http/routes/perspective-analyze.js";
import { registerPerspectiveSuggest } from "./http/routes/perspective-suggest.js";
import { registerProposals } from "./http/routes/proposals.js";
import { registerReviews } from "./http/routes/reviews.js";
import { registerRulings } from "./http/routes/rulings.js";
import { registerStatements } from "./http/routes/statements.js";
import { registerWebhooks } from "./http/routes/webhooks.js";
import { unexpectedError } from "./http/unexpected-error.js";
import { validationHook } from "./http/validation.js";
import type { MetricsEndpoint } from "./lib/metrics-port.js";

/**
 * What the libraries' own checks throw, as our codes: the JSON validator's 400
 * for a body that does not parse, the OpenAPI media-type gate's 415, the body
 * limit's 413. Any other status is ours to explain, so it stays a 500.
 */
function fromHttpException(err: HTTPException): MoresError | undefined {
  if (err.status === 400) return new MoresError("invalid_json", err.message || "the body is not valid JSON");
  if (err.status === 415)
    return new MoresError("unsupported_media_type", "send Content-Type: application/json (parameters as name=value)");
  if (err.status === 413) return new MoresError("payload_too_large", "the request body is too large");
  return undefined;
}

export type AppDeps = {
  /** The services for a request: one shared object on Node, built from bindings on Workers. */
  services: (c: Context<AppEnv>) => Services | Promise<Services>;
  /** The community whose norm set `/ready` checks. */
  defaultCommunity: string;
  /** A runtime-specific body reader (Node's is faster than the Web Request path). */
  bodyReader?: BodyReader;
  /** Bound on /v1 requests worked on at once (MORES_MAX_IN_FLIGHT); 0 or absent: none. */
  maxInFlight?: number;
  /** The process's admission count, when something besides the app serves /v1 requests too; else one of maxInFlight. */
  admission?: AdmissionGate;
  /** Swagger UI's files for /docs, loaded the runtime's way; without them /docs has no assets to load. */
  docsAssets?: DocsAssets;
  /** Compresses large answers for clients that accept it (Node); absent on Workers, whose platform compresses. */
  compressor?: Compressor;
  /** GET /metrics (operator only) where the runtime keeps metrics (Node); absent: a 404. */
  metrics?: MetricsEndpoint;
};

/**
 * The portable Hono app: every route, the error contract and the OpenAPI
 * document. No runtime imports — src/entry/node.ts and src/entry/worker.ts
 * supply the services.
 */
export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook as never });

  app.use("*", requestId());
  // Outermost after the id: every later middleware, the handler and the access line run inside the request's span.
  app.use("*", traceRequest());
  // The compatibility routes answer every error, from the first middleware on, in their API's shape.
  app.use("/v1alpha1/*", dialect("google"));
  app.use("/v1/moderations", dialect("openai"));
  if (deps.compressor) app.use("*", compressAnswers(deps.compressor));
  // Before anything decodes the path or query: a malformed escape is the caller's 400, not our 500.
  app.use("*", wellFormedUrl());
  // Not an async function: one frame less held by every request in flight (see docs/performance.md, z15-wire).
  app.use("*", (c, next) => {
    const services = deps.services(c);
    if (services instanceof Promise)
      return services.then((s) => {
        c.set("services", s);
        return next();
      });
    c.set("services", services);
    return next();
  });
  app.use("*", accessLog());
  // Before authorization, which may read the database: a request turned away costs nothing.
  const gate = deps.admission ?? new AdmissionGate(deps.maxInFlight ?? 0);
  app.use("/v1/*", admission(gate));
  app.use("/v1alpha1/*", admission(gate));
  // Access is checked before the body is read: an unauthenticated caller costs no parsing.
  let roles: RouteRoles | undefined;
  const authorized = authorize(() => (roles ??= routeRoles(app)));
  app.use("/v1/*", authorized);
  app.use("/v1alpha1/*", authorized);
  app.use("/v1/communities/:community/*", communityGuard());
  // After access (a stranger learns nothing about a route's parameters), before any body is read.
  let queries: RouteQueries | undefined;
  app.use(
    "*",
    knownQuery(() => (queries ??= routeQueries(app))),
  );
  app.use("/v1/*", parseJsonBody(deps.bodyReader));
  app.use("/v1alpha1/*", parseJsonBody(deps.bodyReader));
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description:
      "An API key: `mores_key_…`. Keys belong to one community and one role (platform, editor, moderator, admin); the operator's key works everywhere. Each route lists the roles it admits in `x-roles`.",
  });

  registerHealth(app, deps.defaultCommunity);
  registerModerate(app);
  registerModerateBatch(app);
  registerRulings(app);
  registerNorms(app);
  registerDryRun(app);
  registerReviews(app);
  registerAppeals(app);
  registerStatements(app);
  registerWebhooks(app);
  registerCommunities(app);
  registerKeys(app);
  registerAudit(app);
  registerProposals(app);
  registerPack(app);
  registerCheck(app);
  registerPerspectiveAnalyze(app);
  registerPerspectiveSuggest(app);
  registerOpenAIModerations(app);
  registerMetrics(app, deps.metrics);

  registerDocs(app, deps.docsAssets);
  app.route("/console", createConsole(app));

  app.notFound((c) =>
    problem(c, new MoresError("route_not_found", `${c.req.method} ${c.req.path} is not an endpoint`)),
  );
  app.onError((err, c) => {
    if (err instanceof MoresError) return problem(c, err);
    if (err instanceof HTTPException) {
      const refused = fromHttpException(err);
      if (refused) return problem(c, refused);
    }
    // Its status follows the answer: the access log marks a 5xx failed (a 503 for an outage, a 500).
    return problem(c, unexpectedError(err, c.get("services"), { requestId: c.get("requestId"), path: c.req.path }));
  });
  return app;
}
