/**
 * FNV-1a, 32 bits: where to start, and one character code or byte mixed in. The places that hash words write
 * their own loops (over bytes, over a string, over a string folded as it is read), so each stays a tight loop
 * with no copy; this keeps them one hash, as a table built by one and asked by another requires.
 */
export const FNV1A_START = 0x811c9dc5;

export const fnv1a = (hash: number, code: number): number => Math.imul(hash ^ code, 0x01000193);
