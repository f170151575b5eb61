import type { ErrorCode } from "../domain/index.js";

/**
 * The appeal life cycle as one pure function: every state change goes through
 * here, and test/unit/appeal-transition.test.ts checks it as a table of every
 * (state, event) pair. An appeal is open until a moderator decides it or the
 * author withdraws it; both are final.
 */
export const APPEAL_STATES = ["open", "decided", "withdrawn"] as const;
export type AppealState = (typeof APPEAL_STATES)[number];

export const APPEAL_EVENTS = ["decide", "withdraw"] as const;
export type AppealEvent = (typeof APPEAL_EVENTS)[number];

export type Transition = { ok: true; state: AppealState } | { ok: false; code: ErrorCode };

export function transition(state: AppealState, event: AppealEvent): Transition {
  switch (state) {
    case "open":
      return { ok: true, state: event === "decide" ? "decided" : "withdrawn" };
    case "decided":
      return { ok: false, code: "appeal_already_decided" };
    case "withdrawn":
      return { ok: false, code: "appeal_withdrawn" };
  }
}
