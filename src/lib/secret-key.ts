/** MORES_SECRET_KEY: 32 bytes, written as base64. Checked by configuration, used by the webhook secret box. */
export const KEY_BYTES = 32;

/** 32 random bytes as base64: a value for MORES_SECRET_KEY (`openssl rand -base64 32` gives the same). */
export function newSecretKey(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(KEY_BYTES))).toString("base64");
}

/** Whether `text` is base64 of exactly 32 bytes. */
export function isSecretKey(text: string): boolean {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(text.trim()) && Buffer.from(text.trim(), "base64").length === KEY_BYTES;
}
