/** How the benches print and summarise their figures. */

/** A count or rate rounded and grouped in thousands: 43,748. */
export const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

/** The middle value (the upper of the two middle ones for an even count); NaN for none. */
export const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
