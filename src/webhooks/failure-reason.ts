import { type Refusal, TargetRefused } from "./target-policy.js";

/** Failures by the system error code Node (or undici inside fetch) gives them. */
const REASONS: Array<[RegExp, string]> = [
  [/^ECONNREFUSED$/, "connection refused"],
  [/^ECONNRESET$|^EPIPE$|^UND_ERR_SOCKET$/, "connection reset"],
  [/^ENOTFOUND$|^EAI_AGAIN$|^EAI_NONAME$|^EAI_FAIL$/, "host not found"],
  [/^ETIMEDOUT$|^ECONNABORTED$|^UND_ERR_CONNECT_TIMEOUT$/, "connection timed out"],
  [/^EHOSTUNREACH$|^ENETUNREACH$|^EADDRNOTAVAIL$/, "host unreachable"],
  [/CERT|^ERR_TLS_|^ERR_SSL_|SIGNATURE|^EPROTO$/, "TLS handshake failed"],
  [/^HPE_/, "the answer is not valid HTTP"],
];

/**
 * What the deliveries list says about a failed attempt, in mores's words
 * only: the system error code and a fixed phrase for it, never a message
 * that could carry what the receiver or some internal service sent.
 * A refusal by the target policy is final.
 */
export function failureReason(e: unknown): { error: string; final?: boolean } {
  const refusal = refusalOf(e);
  if (refusal) return refusedByPolicy(refusal.refusal);
  const code = codeOf(e);
  const phrase = code ? REASONS.find(([pattern]) => pattern.test(code))?.[1] : undefined;
  if (phrase) return { error: `${phrase} (${code})` };
  return { error: code ? `connection failed (${code})` : "connection failed" };
}

/** A delivery the target policy refuses: named by its reason, and not retried (the answer would not change). */
export const refusedByPolicy = (refusal: Refusal) => ({
  error: `refused (${refusal.reason}): ${refusal.detail}`,
  final: true,
});

/** Node wraps the lookup's error in the request's; fetch wraps it in `cause`. */
function refusalOf(e: unknown): TargetRefused | undefined {
  for (let x = e, depth = 0; x && depth < 4; x = (x as { cause?: unknown }).cause, depth++)
    if (x instanceof TargetRefused) return x;
  return undefined;
}

function codeOf(e: unknown): string | undefined {
  for (let x = e, depth = 0; x && depth < 4; x = (x as { cause?: unknown }).cause, depth++) {
    const code = (x as { code?: unknown }).code;
    if (typeof code === "string" && /^[A-Z][A-Z0-9_]{1,48}$/.test(code)) return code;
  }
  return undefined;
}
