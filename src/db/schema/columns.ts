import { timestamp } from "drizzle-orm/pg-core";

/** Every time mores stores is an instant: timestamptz, read as a Date. */
export const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
