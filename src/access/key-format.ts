import { sha256 } from "../lib/hash.js";

/**
 * An API key reads `mores_<key id>_<secret>`: the id says which key it is
 * (in logs, in the key list, to a person revoking it) without revealing the
 * secret, and the fixed `mores_` prefix lets secret scanners recognise a
 * leaked key. The id alone grants nothing.
 */
const KEY_SHAPE = /^mores_(key_[0-9a-z]{26})_([A-Za-z0-9_-]{43})$/;

function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

export const newKeySecret = (keyId: string): string => `mores_${keyId}_${randomSecret()}`;

/** The id inside a well-formed key; null for anything else, which never reaches the database. */
export const keyIdOf = (key: string): string | null => KEY_SHAPE.exec(key)?.[1] ?? null;

/** What is stored instead of the key. A fast hash is enough: the secret has 256 random bits. */
export const hashKey = (key: string): string => sha256(`mores-api-key:${key}`);
