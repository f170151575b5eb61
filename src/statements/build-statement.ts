import {
  type Decision,
  type DsaStatement,
  dsaStatementSchema,
  FACT_CATALOGUE,
  type FactSpec,
  type Norm,
  type Ruling,
  type RulingNorm,
} from "../domain/index.js";
import type { AppealInvitation } from "./appeal-invitation.js";

/** How the decision was reached, in the DSA's terms and in words an author understands. */
function automation(r: Ruling): { decision: DsaStatement["automated_decision"]; words: string } {
  if (r.origin === "review" || r.origin === "appeal")
    return {
      decision: "AUTOMATED_DECISION_PARTIALLY",
      words: `a moderator, on ${r.origin === "appeal" ? "appeal" : "review"}`,
    };
  if (r.norms.some((n) => n.judgment?.output))
    return { decision: "AUTOMATED_DECISION_FULLY", words: "automated rules and a language model applying the norm" };
  return { decision: "AUTOMATED_DECISION_FULLY", words: "automated rules" };
}

const VISIBILITY: Record<string, DsaStatement["decision_visibility"][number]> = {
  remove: "DECISION_VISIBILITY_CONTENT_REMOVED",
  hide: "DECISION_VISIBILITY_CONTENT_DISABLED",
  label: "DECISION_VISIBILITY_CONTENT_LABELLED",
  review: "DECISION_VISIBILITY_OTHER",
};

const HEADLINE: Record<Decision, string> = {
  allow: "Your content was allowed.",
  label: "Your content was given a label",
  hide: "Your content was hidden",
  remove: "Your content was removed",
  review: "Your content is being held for review by a moderator",
};

/** The reasons a moderator wrote when a person decided the ruling (review or appeal); null for rules and models. */
function moderatorRationale(r: Ruling): string | null {
  const decidedBy = (r.trace as { decided_by?: { rationale?: unknown } }).decided_by;
  return r.origin !== "evaluation" && typeof decidedBy?.rationale === "string" ? decidedBy.rationale.trim() : null;
}

/** The facts that held, in words: what the rules relied on (never the model's prose). */
function factsInWords(r: Ruling): string {
  const f = r.facts as Record<string, unknown>;
  const held = Object.entries(FACT_CATALOGUE as Record<string, FactSpec>)
    .filter(([name, spec]) => spec.type === "boolean" && f[name] === true)
    .map(([, spec]) => spec.description.replace(/\.$/, ""));
  const categories = Array.isArray(f.categories) ? (f.categories as string[]).join(", ") : "";
  return [held.length ? `${held.join("; ")}.` : "", categories ? `Kinds of language found: ${categories}.` : ""]
    .filter(Boolean)
    .join(" ");
}

/**
 * The statement of reasons for a ruling: (a) for the author, built from the
 * norms' own statement, function and justification, the exception considered,
 * the moderator's own reasons when a person decided, and how to appeal when
 * one can be filed; (b) for the EU DSA Transparency Database, when the
 * decision restricts the content.
 */
export function buildStatement(ruling: Ruling, norms: ReadonlyMap<string, Norm>, appeal: AppealInvitation) {
  const rationale = moderatorRationale(ruling);
  const restricting = ruling.norms.filter((n) => n.outcome === "violated" || n.outcome === "needs_review");
  const how = automation(ruling);
  const explained = ruling.norms.map((n: RulingNorm) => {
    const norm = norms.get(n.id);
    const considered = n.exception ?? n.candidates?.[0]?.exception;
    const exception = considered ? norm?.exceptions.find((e) => e.id === considered) : undefined;
    return {
      norm: `${n.id}@${n.version}`,
      title: n.title,
      outcome: n.outcome,
      statement: norm?.statement.trim() ?? "",
      protects: norm?.function.protects ?? [],
      purpose: norm?.function.purpose.trim() ?? "",
      justification: norm?.justification.map((j) => j.trim()) ?? [],
      ...(exception
        ? {
            exception_considered: {
              id: exception.id,
              description: exception.description.trim(),
              applies: n.outcome === "excepted",
            },
          }
        : {}),
    };
  });
  const titles = restricting.map((n) => `“${n.title}”`).join(" and ");
  const author = {
    ruling: ruling.id,
    decision: ruling.decision,
    headline:
      ruling.decision === "allow"
        ? HEADLINE.allow
        : restricting.length === 0
          ? `${HEADLINE[ruling.decision]}.`
          : `${HEADLINE[ruling.decision]} under the community norm${restricting.length > 1 ? "s" : ""} ${titles}.`,
    decided_by: how.words,
    ...(ruling.labels.includes("language_unsupported")
      ? {
          language: `Your content appears to be in a language (${ruling.language}) this community's norms are not written for, so they could not be applied to it; ${ruling.decision === "review" ? "a moderator will read it instead" : "it was allowed without that check"}.`,
        }
      : {}),
    ...(rationale ? { moderator_rationale: rationale } : {}),
    norms: explained,
    how_to_appeal: appeal,
  };
  if (restricting.length === 0 || ruling.decision === "allow") {
    return { author, dsa: null, dsa_note: "No restriction was imposed, so no statement of reasons is due." };
  }
  const first = norms.get(restricting[0]?.id ?? "");
  const dsa = dsaStatementSchema.parse({
    decision_visibility: [VISIBILITY[ruling.decision]],
    ...(ruling.decision === "review"
      ? { decision_visibility_other: "Held from view pending a moderator's review" }
      : {}),
    decision_ground: "DECISION_GROUND_INCOMPATIBLE_CONTENT",
    incompatible_content_ground: restricting.map((n) => `${n.id}@${n.version}`).join(", "),
    incompatible_content_explanation: restricting
      .map((n) => {
        const norm = norms.get(n.id);
        return `${n.title}: ${norm?.statement.trim() ?? ""} It protects ${norm?.function.protects.join(", ") ?? ""}: ${norm?.function.purpose.trim() ?? ""}`;
      })
      .join(" ")
      .slice(0, 2000),
    incompatible_content_illegal: "No",
    content_type: ["CONTENT_TYPE_TEXT"],
    category: first?.reporting?.dsa_category ?? "STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE",
    decision_facts: [
      `Decided by ${how.words}.`,
      rationale ? `The moderator's reasons: ${rationale}` : "",
      factsInWords(ruling),
    ]
      .filter(Boolean)
      .join(" ")
      .slice(0, 5000),
    automated_detection: "Yes",
    automated_decision: how.decision,
    source_type: "SOURCE_VOLUNTARY",
    content_date: ruling.created_at.slice(0, 10),
    application_date: ruling.created_at.slice(0, 10),
    puid: ruling.id,
  });
  return { author, dsa };
}
