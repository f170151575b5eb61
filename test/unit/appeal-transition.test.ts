import { describe, expect, it } from "vitest";
import {
  APPEAL_EVENTS,
  APPEAL_STATES,
  type AppealEvent,
  type AppealState,
  transition,
} from "../../src/appeals/transition.js";

/** Every (state, event) pair and what it must give: a new state, or the 409 code. */
const TABLE: Record<AppealState, Record<AppealEvent, AppealState | string>> = {
  open: { decide: "decided", withdraw: "withdrawn" },
  decided: { decide: "appeal_already_decided", withdraw: "appeal_already_decided" },
  withdrawn: { decide: "appeal_withdrawn", withdraw: "appeal_withdrawn" },
};

describe("appeal transitions", () => {
  it("the table covers every state and event", () => {
    expect(Object.keys(TABLE).sort()).toEqual([...APPEAL_STATES].sort());
    for (const s of APPEAL_STATES) expect(Object.keys(TABLE[s]).sort()).toEqual([...APPEAL_EVENTS].sort());
  });

  const pairs = APPEAL_STATES.flatMap((s) => APPEAL_EVENTS.map((e) => [s, e, TABLE[s][e]] as const));
  it.each(pairs)("%s + %s → %s", (state, event, expected) => {
    const t = transition(state, event);
    if ((APPEAL_STATES as readonly string[]).includes(expected)) expect(t).toEqual({ ok: true, state: expected });
    else expect(t).toEqual({ ok: false, code: expected });
  });
});
