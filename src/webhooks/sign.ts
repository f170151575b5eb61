import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): the secret is
 * `whsec_` + base64 of random bytes; the signature is
 * base64(HMAC-SHA256(key, `${id}.${timestamp}.${body}`)), sent as
 * `webhook-signature: v1,<base64>`. Receivers can verify with any Standard
 * Webhooks library, or with `verify` below.
 */
const PREFIX = "whsec_";
/** Receivers reject timestamps further than this from their clock: a captured request cannot be replayed later. */
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

export type SignedHeaders = {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
};

/** A new endpoint secret: 32 random bytes (the standard asks for 24 to 64). */
export function newSecret(): string {
  return PREFIX + randomBytes(32).toString("base64");
}

function key(secret: string): Buffer {
  return Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, "base64");
}

/** The bare base64 signature of one message. */
export function signature(secret: string, id: string, timestampSeconds: number, body: string): string {
  return createHmac("sha256", key(secret)).update(`${id}.${timestampSeconds}.${body}`).digest("base64");
}

/** The three headers of one delivery attempt. Each attempt is signed afresh with its own timestamp. */
export function signedHeaders(secret: string, id: string, now: Date, body: string): SignedHeaders {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": `v1,${signature(secret, id, timestamp, body)}`,
  };
}

/**
 * Whether a received request is authentic: the timestamp is within
 * `toleranceSeconds` of `now`, and one of the space-separated `v1,` signatures
 * (several appear while a secret is rotated) matches the raw body, compared in
 * constant time. `body` must be the exact bytes received, not re-serialised JSON.
 */
export function verify(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  options: { now?: Date; toleranceSeconds?: number } = {},
): boolean {
  const header = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const id = header("webhook-id");
  const timestamp = Number(header("webhook-timestamp"));
  const signatures = header("webhook-signature");
  if (!id || !signatures || !Number.isInteger(timestamp)) return false;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return false;
  const expected = Buffer.from(signature(secret, id, timestamp, body), "base64");
  return signatures.split(" ").some((entry) => {
    const [version, value] = entry.split(",", 2);
    if (version !== "v1" || !value) return false;
    const given = Buffer.from(value, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
