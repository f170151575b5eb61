/**
 * Prefixed, time-ordered ids (`rul_…`, `req_…`): 48 bits of milliseconds and
 * 80 random bits in Crockford base32, so ids sort by creation time and make
 * good cursors. Web Crypto only, so it runs on Node and Workers alike.
 */
const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";

export type IdPrefix =
  | "rul"
  | "req"
  | "apl"
  | "nrm"
  | "evt"
  | "whk"
  | "key"
  | "prp"
  | "prc"
  | "rev"
  | "aud"
  | "modr"
  | "sug";

/** Random bytes drawn in blocks: one getRandomValues call per 256 ids instead of one per id. */
const POOL = new Uint8Array(16 * 256);
let poolOffset = POOL.length;
function randomBytes16(): Uint8Array {
  if (poolOffset >= POOL.length) {
    crypto.getRandomValues(POOL);
    poolOffset = 0;
  }
  poolOffset += 16;
  return POOL.subarray(poolOffset - 16, poolOffset);
}

export function newId(prefix: IdPrefix, now: number = Date.now()): string {
  let time = "";
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes16();
  let random = "";
  for (let i = 0; i < 16; i++) random += ALPHABET[(bytes[i] as number) % 32];
  return `${prefix}_${time}${random}`;
}
