/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { CaseData, EngagedNorm } from "./case-data.js";
import { HighlightedText } from "./highlight.js";
import { NormTraceWords } from "./trace-words.js";

const OUTCOME_WORDS: Record<string, string> = {
  violated: "violated",
  excepted: "an exception applies",
  needs_review: "needs a person's judgment",
};

function NormCard({ e, trace }: { e: EngagedNorm; trace: unknown }) {
  const { outcome, norm } = e;
  return (
    <section class="card" aria-labelledby={`norm-${outcome.id}`}>
      <h3 id={`norm-${outcome.id}`}>
        {outcome.title} <span class="muted">({`${outcome.id}@${outcome.version}`})</span>:{" "}
        {OUTCOME_WORDS[outcome.outcome]}
      </h3>
      {outcome.cause && <p>Why it is here: {outcome.cause}</p>}
      {norm && (
        <>
          <p>
            <strong>Statement.</strong> {norm.statement}
          </p>
          <p>
            <strong>What it protects.</strong> {norm.function.protects.join(", ")}: {norm.function.purpose}
          </p>
          <p>
            <strong>Justification.</strong>
          </p>
          <ul>
            {norm.justification.map((j) => (
              <li>{j}</li>
            ))}
          </ul>
        </>
      )}
      {(outcome.candidates ?? []).length > 0 && (
        <>
          <h4>Candidate exceptions</h4>
          <dl>
            {(outcome.candidates ?? []).map((c) => (
              <>
                <dt>
                  <code>{c.exception}</code>
                </dt>
                <dd>{c.description}</dd>
              </>
            ))}
          </dl>
        </>
      )}
      {outcome.judgment && (
        <>
          <h4>The model's reasoning</h4>
          <p class="muted">
            {outcome.judgment.provider === "none"
              ? "No model is configured: a person decides."
              : `${outcome.judgment.provider} / ${outcome.judgment.model}`}
            {outcome.judgment.cause && outcome.judgment.provider !== "none"
              ? ` — sent to review: ${outcome.judgment.cause}`
              : ""}
          </p>
          {outcome.judgment.output && (
            <p>
              Verdict {outcome.judgment.output.verdict}
              {outcome.judgment.output.exception ? ` (${outcome.judgment.output.exception})` : ""}, confidence{" "}
              {outcome.judgment.output.confidence}: {outcome.judgment.output.rationale}
            </p>
          )}
        </>
      )}
      <h4>The rule trace in words</h4>
      {trace ? (
        <NormTraceWords trace={trace} />
      ) : (
        <p class="muted">No rule trace: a person decided this ruling (the one it supersedes has the trace).</p>
      )}
      <h4>Similar precedents</h4>
      {e.precedents.length === 0 ? (
        <p class="muted">No earlier decisions on this norm yet.</p>
      ) : (
        <ul>
          {e.precedents.map((p) => (
            <li>
              {p.createdAt.toISOString().slice(0, 10)} · {p.source}: {p.holding.replace("_", " ")}
              {p.exception ? ` (${p.exception})` : ""}, decision {p.decision}. “{p.rationale}”
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A ruling as a moderator reads it: the text with its evidence marked, the parent, each engaged norm. */
export function CaseView({ data, actions }: { data: CaseData; actions?: Child }) {
  const { ruling } = data;
  // Evaluations keep each norm's rule trace under `norms`; a human decision's ruling has none of its own.
  const normTraces = ((ruling.trace as { norms?: Record<string, unknown> }).norms ?? {}) as Record<string, unknown>;
  const decidedBy = (ruling.trace as { decided_by?: { origin: string; moderator: string; rationale: string } })
    .decided_by;
  return (
    <>
      <p id="ruling-summary">
        Decision <strong>{ruling.decision}</strong> · {ruling.origin} ·{" "}
        {ruling.created_at.replace("T", " ").slice(0, 16)} UTC · <code>{ruling.id}</code>
      </p>
      {ruling.supersedes && (
        <p class="notice">
          This ruling supersedes <a href={`/console/rulings/${ruling.supersedes}`}>{ruling.supersedes}</a>.
        </p>
      )}
      {decidedBy && (
        <p class="card">
          Decided on {decidedBy.origin} by <strong>{decidedBy.moderator}</strong>: “{decidedBy.rationale}”
        </p>
      )}
      {data.supersededBy && (
        <p class="notice">
          Superseded by <a href={`/console/rulings/${data.supersededBy}`}>{data.supersededBy}</a>.
        </p>
      )}
      <nav aria-label="Queue">
        {data.previous && (
          <a rel="prev" href={`/console/rulings/${data.previous}`}>
            ← Previous case (k)
          </a>
        )}{" "}
        {data.next && (
          <a rel="next" href={`/console/rulings/${data.next}`}>
            Next case (j) →
          </a>
        )}
      </nav>
      <section aria-labelledby="text-h">
        <h2 id="text-h">The text</h2>
        {ruling.content.text === undefined ? (
          <p class="muted">This community keeps only a hash of the text.</p>
        ) : (
          <HighlightedText text={ruling.content.text} evidence={ruling.evidence} />
        )}
        {data.parent !== null && (
          <>
            <h3>In reply to</h3>
            <blockquote>{data.parent}</blockquote>
          </>
        )}
      </section>
      {actions}
      <section aria-labelledby="norms-h">
        <h2 id="norms-h">Engaged norms</h2>
        {data.engaged.map((e) => (
          <NormCard e={e} trace={normTraces[e.outcome.id]} />
        ))}
      </section>
    </>
  );
}
