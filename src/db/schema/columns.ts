import { customType, timestamp } from "drizzle-orm/pg-core";
import { fromStoredFacts, toStoredFacts } from "../stored-facts.js";

/** Every time mores stores is an instant: timestamptz, read as a Date. */
export const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * A ruling's facts: a `json` column holding them in their stored form (stored-facts.ts), read back whole. Every
 * write and read through drizzle, and json-rows' inserts, go through these two mappings.
 */
export const storedFacts = customType<{ data: Record<string, unknown>; driverData: unknown }>({
  dataType: () => "json",
  toDriver: (facts) => JSON.stringify(toStoredFacts(facts)),
  // postgres.js and PGlite parse `json`; a driver that hands back text gets it parsed here.
  fromDriver: (value) =>
    fromStoredFacts((typeof value === "string" ? JSON.parse(value) : value) as Record<string, unknown>),
});
