/** @jsxImportSource hono/jsx */
import type { ProposalView } from "../proposals/proposal-view.js";
import { Columns } from "./layout.js";

/** Diff lines marked added or removed; the file headers (`+++`, `---`) are neither. */
const lineClass = (line: string) =>
  /^(\+\+\+|---) /.test(line) ? undefined : line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : undefined;

/** A unified diff, each line coloured (and prefixed, so colour is never the only cue). */
export function Patch({ patch }: { patch: string }) {
  return (
    <pre>
      {patch.split("\n").map((line) => (
        <span class={lineClass(line)}>{`${line}\n`}</span>
      ))}
    </pre>
  );
}

export type ChangedText = { ruling_id: string; text: string | null; from: string; to: string };

/** A proposal's report: what changes, the examples, the replay of recent rulings and the shadow run. */
export function ProposalReportView({ proposal, texts }: { proposal: ProposalView; texts: ChangedText[] }) {
  const { report, shadow } = proposal;
  const { replay } = report;
  return (
    <>
      <p>
        {proposal.status} · {proposal.kind} · against version {proposal.base_version} · by{" "}
        {proposal.proposed_by.name ?? proposal.proposed_by.key} ·{" "}
        {report.adoptable ? "adoptable" : `not adoptable: ${report.blocking.join("; ")}`}
      </p>
      {proposal.description && <p>{proposal.description}</p>}
      <section aria-labelledby="diff-h">
        <h2 id="diff-h">Diff</h2>
        <p class="muted">
          {report.diff.summary.files} file(s), +{report.diff.summary.added_lines} −{report.diff.summary.removed_lines}
        </p>
        {report.diff.files.map((f) => (
          <>
            <h3>{`${f.file} (${f.change})`}</h3>
            <Patch patch={f.patch} />
          </>
        ))}
      </section>
      <section aria-labelledby="examples-h">
        <h2 id="examples-h">Examples</h2>
        <p>
          {report.examples.passed} of {report.examples.total} examples pass.
        </p>
        <ul>
          {report.examples.failed.map((f) => (
            <li>
              {f.norm} example {f.index + 1}: expected {f.expected}, got {f.got} — {f.why}: “{f.text}”
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="replay-h">
        <h2 id="replay-h">Replay of recent rulings</h2>
        <p>
          {replay.replayed} of {replay.considered} recent rulings replayed ({replay.skipped_without_text} kept no text);{" "}
          {replay.changed} would change.
        </p>
        {Object.keys(replay.transitions).length > 0 && (
          <table>
            <caption>Transitions</caption>
            <Columns names={["Decision", "Rulings"]} />
            <tbody>
              {Object.entries(replay.transitions).map(([k, n]) => (
                <tr>
                  <td>{k}</td>
                  <td>{n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {texts.length > 0 && (
          <>
            <h3>Texts that would change</h3>
            <ul>
              {texts.map((t) => (
                <li>
                  <a href={`/console/rulings/${t.ruling_id}`}>{`${t.from} → ${t.to}`}</a>: {t.text ?? "(text not kept)"}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section aria-labelledby="shadow-h">
        <h2 id="shadow-h">Shadow results</h2>
        {shadow === null ? (
          <p class="muted">Not run in shadow on live traffic.</p>
        ) : (
          <>
            <p>
              {shadow.active ? "Running" : "Stopped"}: {shadow.evaluated} live requests evaluated, {shadow.differing}{" "}
              decided differently.
            </p>
            <ul>
              {Object.entries(shadow.transitions).map(([k, n]) => (
                <li>{`${k}: ${n}`}</li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}
