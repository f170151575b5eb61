import type { Ruling } from "../domain/index.js";

/** What a statement tells its author about appealing: how, while one can be filed; otherwise why not. */
export type AppealInvitation =
  | { until: string; how: string; endpoint: string }
  | { until: null; how: string; endpoint?: undefined };

/**
 * A statement invites an appeal only when one can be filed: the ruling
 * restricted something, it was not itself decided on appeal (final here), no
 * later ruling replaced it, and its window is open. Each refusal says why, so
 * an author is never sent to an endpoint that would turn them away.
 */
export function appealInvitation(ruling: Ruling, now: Date): AppealInvitation {
  if (ruling.origin === "appeal")
    return {
      until: null,
      how: "This decision was made on appeal and is final on this platform; you may turn to a certified out-of-court dispute settlement body (DSA Art. 21).",
    };
  if (ruling.superseded_by)
    return {
      until: null,
      how: `This ruling was replaced by ${ruling.superseded_by}; that ruling's statement says what applies now.`,
    };
  if (ruling.decision === "allow")
    return { until: null, how: "Nothing was restricted, so there is nothing to appeal." };
  if (now.getTime() > Date.parse(ruling.appeal_until))
    return { until: null, how: `Appeals against this ruling were accepted until ${ruling.appeal_until}.` };
  return {
    until: ruling.appeal_until,
    how: "Ask the platform to appeal on your behalf, with your grounds; a moderator decides with written reasons.",
    endpoint: `POST /v1/communities/${ruling.community}/rulings/${ruling.id}/appeals`,
  };
}
