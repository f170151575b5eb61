import type { ClaimedDelivery } from "./delivery-store.js";
import { failureReason, refusedByPolicy } from "./failure-reason.js";
import { signedHeaders } from "./sign.js";
import type { TargetPolicy } from "./target-policy.js";

/**
 * `final`: not worth retrying (the target is refused by policy), so the
 * delivery ends `failed` at once. `error` is always mores's own words: a
 * receiver's body is never read, so nothing it says comes back to the admin.
 */
export type AttemptResult =
  | { ok: true; status: number }
  | { ok: false; status: number | null; error: string; final?: boolean };

export type WebhookRequest = { url: URL; headers: Record<string, string>; body: string; signal: AbortSignal };

/**
 * Sends one POST and answers the status only. Redirects are never followed.
 * Node's implementation (node-post.ts) checks every address a name resolves
 * to and connects to the one it checked; `fetchPost` is what Workers have.
 */
export type WebhookPost = (request: WebhookRequest) => Promise<number>;

export const fetchPost: WebhookPost = async ({ url, headers, body, signal }) => {
  const res = await fetch(url, { method: "POST", headers, body, redirect: "manual", signal });
  await res.body?.cancel();
  return res.status;
};

/** The JSON body receivers get; `id` is also the `webhook-id` header they deduplicate by. */
export function deliveryBody(d: ClaimedDelivery): string {
  return JSON.stringify({
    id: d.eventId,
    type: d.type,
    created_at: d.createdAt,
    community: d.community,
    data: d.payload,
  });
}

/**
 * One attempt: POST the signed body, within `timeoutMs` for the whole exchange.
 * The URL is checked again first (the policy may have changed since it was
 * registered). Only a 2xx counts; a 3xx is a failure like any other (a
 * receiver that moved must be registered again, and a redirect must not lead
 * mores somewhere it would refuse to go).
 */
export async function sendDelivery(
  d: ClaimedDelivery,
  secret: string,
  now: Date,
  options: { timeoutMs: number; post: WebhookPost; policy: TargetPolicy },
): Promise<AttemptResult> {
  let url: URL;
  try {
    url = new URL(d.url);
  } catch {
    return { ok: false, status: null, error: "refused: the URL is not valid", final: true };
  }
  const refused = options.policy.literalRefusal(url);
  if (refused) return { ok: false, status: null, ...refusedByPolicy(refused) };
  const body = deliveryBody(d);
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const status = await options.post({
      url,
      headers: { "content-type": "application/json", ...signedHeaders(secret, d.eventId, now, body) },
      body,
      signal,
    });
    if (status >= 200 && status < 300) return { ok: true, status };
    const moved = status >= 300 && status < 400 ? " (redirects are not followed)" : "";
    return { ok: false, status, error: `HTTP ${status}${moved}` };
  } catch (e) {
    if (signal.aborted) return { ok: false, status: null, error: `timed out after ${options.timeoutMs} ms` };
    return { ok: false, status: null, ...failureReason(e) };
  }
}
