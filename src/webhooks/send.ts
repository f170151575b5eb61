import type { ClaimedDelivery } from "./delivery-store.js";
import { signedHeaders } from "./sign.js";

export type AttemptResult = { ok: true; status: number } | { ok: false; status: number | null; error: string };

/** How much of a failing receiver's answer is kept as last_error. */
const ERROR_SNIPPET = 200;

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
 * Only a 2xx counts; redirects are not followed (a receiver that moved must be
 * registered again), so a 3xx is a failure like any other.
 */
export async function sendDelivery(
  d: ClaimedDelivery,
  now: Date,
  options: { timeoutMs: number; fetch: typeof fetch },
): Promise<AttemptResult> {
  const body = deliveryBody(d);
  try {
    const res = await options.fetch(d.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...signedHeaders(d.secret, d.eventId, now, body) },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    if (res.status >= 200 && res.status < 300) {
      await res.body?.cancel();
      return { ok: true, status: res.status };
    }
    const snippet = await readSnippet(res);
    return { ok: false, status: res.status, error: `HTTP ${res.status}${snippet ? `: ${snippet}` : ""}` };
  } catch (e) {
    return { ok: false, status: null, error: describeError(e, options.timeoutMs) };
  }
}

/** The start of a response body, without reading the rest of what may be a large page. */
async function readSnippet(res: Response): Promise<string> {
  const reader = res.body?.getReader();
  if (!reader) return "";
  let bytes = new Uint8Array(0);
  while (bytes.length < ERROR_SNIPPET) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes = Buffer.concat([bytes, value]);
  }
  await reader.cancel();
  return new TextDecoder().decode(bytes.subarray(0, ERROR_SNIPPET)).trim();
}

function describeError(e: unknown, timeoutMs: number): string {
  const err = e as Error & { cause?: { message?: string } };
  if (err?.name === "TimeoutError" || err?.name === "AbortError") return `timed out after ${timeoutMs} ms`;
  // Node's fetch says only "fetch failed"; the reason (ECONNREFUSED, a DNS failure…) is in its cause.
  return err?.cause?.message ? `${err.message}: ${err.cause.message}` : String(err?.message ?? e);
}
