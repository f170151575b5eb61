/** @jsxImportSource hono/jsx */
import type { Norm } from "../domain/index.js";
import { Token } from "./layout.js";
import type { ConsoleSession } from "./session.js";

/**
 * The decision form of a review or an appeal: allow (optionally on one of
 * the engaged norms' own exceptions), uphold, or modify to another decision,
 * always with a rationale. Keys a / u / m pick the choice.
 */
export function DecisionFields({
  action,
  session,
  norms,
  upholdLabel,
  problem,
}: {
  action: string;
  session: ConsoleSession;
  norms: Norm[];
  upholdLabel: string;
  /** What was wrong with the form last sent, shown above it. */
  problem?: string | undefined;
}) {
  return (
    <form method="post" action={action} class="card">
      <Token session={session} />
      {problem && (
        <p class="problem" role="alert" id="decision-problem">
          {problem}
        </p>
      )}
      <fieldset>
        <legend>Decision</legend>
        <label>
          <input type="radio" name="choice" value="allow" required /> Allow <kbd>a</kbd>
        </label>
        <br />
        <label>
          <input type="radio" name="choice" value="uphold" /> {upholdLabel} <kbd>u</kbd>
        </label>
        <br />
        <label>
          <input type="radio" name="choice" value="modify" /> Modify to <kbd>m</kbd>
        </label>{" "}
        <label>
          <span class="skip">New decision</span>
          <select name="decision" aria-label="New decision when modifying">
            <option value="label">label</option>
            <option value="hide">hide</option>
            <option value="remove">remove</option>
          </select>
        </label>
      </fieldset>
      <p>
        <label for="exception">Exception that applies (when allowing)</label>
        <br />
        <select id="exception" name="exception">
          <option value="">none</option>
          {norms
            .filter((n) => n.exceptions.length > 0)
            .map((n) => (
              <optgroup label={n.title}>
                {n.exceptions.map((x) => (
                  <option value={x.id}>{`${x.id}: ${x.description}`}</option>
                ))}
              </optgroup>
            ))}
        </select>
      </p>
      <p>
        <label for="rationale">Rationale (required)</label>
        <textarea
          id="rationale"
          name="rationale"
          required
          maxlength={5000}
          aria-describedby={problem ? "decision-problem" : undefined}
        />
      </p>
      <button type="submit">Decide</button>
    </form>
  );
}
