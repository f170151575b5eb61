import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import type { Taken } from "../access/rate-limiter.js";
import type { Services } from "../context.js";
import { type EvaluationRequest, evaluationRequestSchema, MoresError, type Principal } from "../domain/index.js";
import type { AdmissionGate } from "../http/admission-gate.js";
import { problemBody, RETRY_AFTER } from "../http/errors.js";
import { honoPath } from "../http/hono-path.js";
import { type Compressor, chooseEncoding, encodedBody } from "../http/middleware/compress.js";
import { JSON_TYPE, MAX_BODY_BYTES } from "../http/middleware/parse-json-body.js";
import { unstorableBody } from "../http/middleware/well-formed.js";
import { parsePrefer } from "../http/prefer.js";
import { rateLimitHeaders } from "../http/rate-limit-headers.js";
import { recordRequest } from "../http/request-record.js";
import { moderateRoute } from "../http/routes/moderate.js";
import { idempotencyHeaders } from "../http/schemas.js";
import { unexpectedError } from "../http/unexpected-error.js";
import { appliedWait } from "../http/wait-preference.js";
import { newId } from "../lib/ids.js";
import { tracingOn } from "../lib/tracing.js";
import { moderate } from "../moderation/moderate.js";
import { rulingSummaryView } from "../rulings/ruling-view.js";
import { type AppFetch, answerFromApp } from "./answer-from-app.js";
import { readIncoming } from "./node-body.js";
import type { FrontLane } from "./node-client-errors.js";

/** The path of `moderateRoute` with a community that passes its slug schema; nothing else (no query). */
const PATH = /^\/v1\/communities\/([a-z0-9]+(?:-[a-z0-9]+)*)\/moderate$/;
/** A Host a URL can hold as it stands (the app is handed a Request built on it). */
const PLAIN_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;
const ROUTE = honoPath(moderateRoute.path);
const ROLES = (moderateRoute as { "x-roles"?: readonly string[] })["x-roles"] ?? [];
const idempotencyKey = idempotencyHeaders.shape["idempotency-key"];

/** What the lane needs: the services, the process's admission count, the app to hand requests to. */
export type LaneDeps = { services: Services; gate: AdmissionGate; fetch: AppFetch; compressor: Compressor };

/**
 * The platform's write path, served on node:http without the app's general
 * machinery. `POST /v1/communities/{c}/moderate` is nearly all of a
 * platform's traffic, and Hono's routing, middleware chain, Web Request and
 * Response cost about a quarter of its server time (docs/performance.md).
 * The lane gives the same answer at less cost:
 *
 * - It takes only the plain case, judged from the headers: that route, no
 *   query, a JSON body of declared length, a well-formed Idempotency-Key if
 *   any, tracing off, and room under admission control. Anything else is the
 *   app's, untouched.
 * - Before its rate limit is spent, every doubt goes to the app: a key that
 *   does not admit the request, a community this process has not seen, a body
 *   that is not storable JSON or fails the schema, a spent limit (a refused
 *   take spends nothing). The app then answers it as it answers everyone,
 *   with the body the lane read.
 * - After that it answers itself, as the app would: the ruling, or its
 *   summary with `Prefer: return=minimal`, the headers, compression, and a
 *   problem+json when `moderate` fails. Its access line and metrics are the
 *   app's (request-record.ts).
 *
 * MORES_WRITE_LANE=off turns it off; test/integration/write-lane.happy.test.ts
 * holds its answers to the app's.
 */
export function moderateLane(deps: LaneDeps): FrontLane {
  return (req, res, toApp) => {
    if (req.method !== "POST") return false;
    const match = PATH.exec(req.url ?? "");
    if (!match) return false;
    if (tracingOn()) return false;
    const h = req.headers;
    const length = h["content-length"];
    if (h["transfer-encoding"] !== undefined || length === undefined || !/^[1-9]\d{0,7}$/.test(length)) return false;
    if (Number(length) > MAX_BODY_BYTES || !JSON_TYPE.test(h["content-type"] ?? "")) return false;
    if (!PLAIN_HOST.test(h.host ?? "")) return false;
    const key = joined(h["idempotency-key"]);
    if (key !== undefined && !idempotencyKey.safeParse(key).success) return false;
    // Full: the app's admission middleware turns it away, in its words.
    if (!deps.gate.enter()) return false;
    const preferences = parsePrefer(joined(h.prefer));
    const minimal = preferences.return === "minimal";
    void serve(deps, req, res, toApp, { community: match[1] as string, key, wait: preferences.wait, minimal });
    return true;
  };
}

/** A header as a Web Request reads it: repeated fields joined by commas (Node joins most of them already). */
const joined = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(", ") : value);

/** Whether the caller's key may moderate in `community`: the route's roles, or the operator. */
function admits(principal: Principal, community: string): boolean {
  return principal.kind === "operator" || (principal.community === community && ROLES.includes(principal.role));
}

/** The body as the route's validator would take it, or undefined where the app must say what is wrong with it. */
function requestOf(body: Buffer): EvaluationRequest | undefined {
  const text = body.toString("utf8");
  if (unstorableBody(text)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const checked = evaluationRequestSchema.safeParse(parsed);
  return checked.success ? checked.data : undefined;
}

/** What the request asks, read from its path and headers. */
type Asked = { community: string; key: string | undefined; wait: number | undefined; minimal: boolean };

/** `Preference-Applied` as the route appends it: the wait that held, then the minimal return; none if neither. */
function preferenceApplied(waited: number | undefined, minimal: boolean): string | undefined {
  const applied = [...(waited === undefined ? [] : [`wait=${waited}`]), ...(minimal ? ["return=minimal"] : [])];
  return applied.length > 0 ? applied.join(", ") : undefined;
}

/** Serves one request the lane took, then counts it out of admission; the app has it when the lane gave it up. */
async function serve(
  deps: LaneDeps,
  req: IncomingMessage,
  res: ServerResponse,
  toApp: (req: IncomingMessage, res: ServerResponse) => void,
  asked: Asked,
): Promise<void> {
  const outcome = await answer(deps, req, res, asked).catch((err: unknown) => {
    // The body was cut off by its client, or the answer could not be written: there is no one left to answer.
    deps.services.logger.warn("write lane: request abandoned", { error: (err as Error)?.message ?? String(err) });
    res.destroy();
    return "answered" as const;
  });
  // Out before the app counts it in again.
  deps.gate.leave();
  if (outcome === "app") toApp(req, res);
  else if (outcome !== "answered") await answerFromApp(deps.fetch, req, res, outcome, deps.services.logger);
}

/** Answers the request, or says the app should: "app" before its body was read, the body read after. */
async function answer(
  deps: LaneDeps,
  req: IncomingMessage,
  res: ServerResponse,
  { community, key, wait, minimal }: Asked,
): Promise<"answered" | "app" | Buffer> {
  const { services } = deps;
  const started = performance.now();
  // A key lookup that fails (the database is down) is the app's to answer, as it answers anyone.
  const caller = await services.auth.authenticate(req.headers.authorization).catch(() => null);
  // The app's community guard looks up a community this process has not seen yet.
  if (!caller || !admits(caller.principal, community) || !services.knownCommunities.has(community)) return "app";
  const body = await readIncoming(req, MAX_BODY_BYTES);
  const request = requestOf(body);
  if (!request) return body;
  let taken: Taken | undefined;
  if (caller.rateLimit) {
    taken = await services.limiter.take(caller.principal.keyId, caller.rateLimit);
    if (!taken.ok) return body;
  }
  // From here the lane answers: the key's limit is spent on this request.
  const requestId = newId("req");
  const headers: OutgoingHttpHeaders = { "request-id": requestId };
  if (caller.rateLimit && taken) Object.assign(headers, rateLimitHeaders(caller.rateLimit, taken));
  let status: number;
  let text: string;
  try {
    const moderated = await moderate(services, community, request, key, wait);
    const ruling = minimal ? rulingSummaryView(moderated.record.row, moderated.record.norms) : moderated.ruling;
    const applied = preferenceApplied(appliedWait(wait, [moderated.waited]), minimal);
    if (applied) headers["preference-applied"] = applied;
    if (moderated.replayed) headers["idempotent-replayed"] = "true";
    headers.location = ruling.links.self;
    headers["content-type"] = "application/json";
    status = moderated.replayed ? 200 : 201;
    text = JSON.stringify(ruling);
  } catch (err) {
    const error = err instanceof MoresError ? err : unexpectedError(err, services, { requestId, path: req.url ?? "" });
    const problem = problemBody(error, requestId);
    const retryAfter = RETRY_AFTER[error.code];
    if (retryAfter) headers["retry-after"] = retryAfter;
    headers["content-type"] = "application/problem+json";
    status = problem.status;
    text = JSON.stringify(problem);
  }
  await send(deps.compressor, req, res, status, headers, text);
  recordRequest(services, {
    requestId,
    method: "POST",
    route: ROUTE,
    status,
    seconds: (performance.now() - started) / 1000,
    community,
    keyId: caller.principal.keyId,
    lane: true,
  });
  return "answered";
}

/** Writes the answer as the app's compression middleware would: br or gzip past the threshold, Vary when it could. */
async function send(
  compressor: Compressor,
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  headers: OutgoingHttpHeaders,
  answer: string,
): Promise<void> {
  let bytes: Uint8Array = Buffer.from(answer);
  const encoding = chooseEncoding(req.headers["accept-encoding"], compressor.encodings);
  if (encoding) {
    headers.vary = "Accept-Encoding";
    const encoded = await encodedBody(compressor, encoding, bytes);
    bytes = encoded.body;
    if (encoded.encoding) headers["content-encoding"] = encoded.encoding;
  }
  headers["content-length"] = bytes.byteLength;
  res.writeHead(status, headers);
  res.end(bytes);
}
