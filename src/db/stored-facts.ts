import type { FactType } from "../domain/facts.js";
import { CURRENT_FACT_LAYOUT, FACT_LAYOUTS, type FactLayout } from "./fact-layouts.js";

/**
 * How a ruling's facts are stored. Of its ~45 facts a ruling typically holds four or five that are not their type's
 * empty value (false, 0, "", []), yet written whole they were half of every ruling's bytes: ~1,080 of the ~2,200
 * characters a flush sends per ruling, lexed by PostgreSQL and written to its WAL. Stored, the facts name their
 * layout (`"@": 1`, fact-layouts.ts) and keep only the values that are not empty; reading puts the rest back in the
 * layout's order. Exact: what is read back equals, as JSON, the facts written.
 */

/** The key naming the layout; no fact is called so. */
const LAYOUT = "@";
/** The layout's facts the written object did not have (`text`, where a community keeps only the text's hash). */
const ABSENT = "-";

type Stored = Record<string, unknown>;

/** A type's empty value; a new one each time for a list, which the caller may keep. */
function emptyOf(type: FactType): unknown {
  switch (type) {
    case "boolean":
      return false;
    case "number":
      return 0;
    case "string":
      return "";
    case "string[]":
      return [];
  }
}

/** Whether a value is its type's empty value: an empty list, or equal to the type's scalar. */
const isEmpty = (value: unknown, type: FactType): boolean =>
  type === "string[]" ? Array.isArray(value) && value.length === 0 : value === emptyOf(type);

/** The current layout as parallel arrays: the encoder runs for every ruling written. */
const current = FACT_LAYOUTS[CURRENT_FACT_LAYOUT] as FactLayout;
const currentNames = current.map(([name]) => name);
const currentTypes = current.map(([, type]) => type);
const inCurrent = new Set(currentNames);

/** The facts as stored: the layout's number, the values that are not empty, the facts left out, and any others. */
export function toStoredFacts(facts: Stored): Stored {
  // Never the case for computed facts; kept whole, such an object reads back as it was written.
  if (LAYOUT in facts || ABSENT in facts) return facts;
  const stored: Stored = { [LAYOUT]: CURRENT_FACT_LAYOUT };
  const absent: string[] = [];
  for (let i = 0; i < currentNames.length; i++) {
    const name = currentNames[i] as string;
    const value = facts[name];
    // JSON has no undefined: a fact holding it is as absent as one never set.
    if (value === undefined) absent.push(name);
    else if (!isEmpty(value, currentTypes[i] as FactType)) stored[name] = value;
  }
  if (absent.length > 0) stored[ABSENT] = absent;
  // A fact outside the layout is kept as it is (an older process writing beside a newer one's facts). Computed facts
  // have none: when every key is one of the layout's facts found above, the count says so without a lookup each.
  const keys = Object.keys(facts);
  if (keys.length !== currentNames.length - absent.length)
    for (const name of keys) if (!inCurrent.has(name)) stored[name] = facts[name];
  return stored;
}

/**
 * The facts a stored value holds. Rulings written whole (before layouts, or kept whole above) read as they are;
 * so do those naming a layout this version does not know (written by a newer version): their non-empty facts only.
 */
export function fromStoredFacts(stored: Stored): Stored {
  const layout = FACT_LAYOUTS[stored[LAYOUT] as number];
  if (!layout) return stored;
  const absent = new Set(stored[ABSENT] as string[] | undefined);
  const facts: Stored = {};
  for (const [name, type] of layout) {
    if (absent.has(name)) continue;
    facts[name] = name in stored ? stored[name] : emptyOf(type);
  }
  for (const name in stored) if (name !== LAYOUT && name !== ABSENT && !(name in facts)) facts[name] = stored[name];
  return facts;
}
