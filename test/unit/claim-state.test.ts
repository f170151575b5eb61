import { describe, expect, it } from "vitest";
import { type ClaimEvent, currentHolder } from "../../src/reviews/claim-state.js";

const at = (min: number) => new Date(Date.UTC(2026, 10, 30, 12, min));
const claim = (who: string, key: string, min: number, lease = 15): ClaimEvent => ({
  type: "claimed",
  moderator: who,
  key,
  createdAt: at(min),
  expiresAt: at(min + lease),
});
const release = (who: string, key: string, min: number): ClaimEvent => ({
  type: "released",
  moderator: who,
  key,
  createdAt: at(min),
  expiresAt: null,
});

describe("who holds a queued ruling", () => {
  it.each([
    ["nobody claimed", [], 0, null],
    ["a live claim", [claim("ana", "k1", 0)], 10, "ana"],
    ["the lease has ended", [claim("ana", "k1", 0)], 15, null],
    ["released by its holder", [claim("ana", "k1", 0), release("ana", "k1", 5)], 6, null],
    ["a release by someone else ends nothing", [claim("ana", "k1", 0), release("bo", "k2", 5)], 6, "ana"],
    ["the same name on another key is someone else", [claim("ana", "k1", 0), release("ana", "k2", 5)], 6, "ana"],
    ["renewed by its holder", [claim("ana", "k1", 0), claim("ana", "k1", 10)], 20, "ana"],
    ["taken after a lapse", [claim("ana", "k1", 0), claim("bo", "k2", 20)], 21, "bo"],
    [
      "a claim with no lease (before leases existed) holds nothing",
      [{ ...claim("ana", "k1", 0), expiresAt: null }],
      1,
      null,
    ],
    ["events out of order are read in time order", [release("ana", "k1", 5), claim("ana", "k1", 0)], 6, null],
  ] as const)("%s", (_name, events, now, holder) => {
    expect(currentHolder(events, at(now))?.moderator ?? null).toBe(holder);
  });
});
