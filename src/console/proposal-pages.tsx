/** @jsxImportSource hono/jsx */
import type { Context, Hono } from "hono";
import { MoresError } from "../domain/index.js";
import type { RouteRoles } from "../http/middleware/authorize.js";
import { canonicalFiles } from "../proposals/proposed-files.js";
import { getProposal, listProposals } from "../proposals/read-proposals.js";
import { submitProposal } from "../proposals/submit-proposal.js";
import { loadRulingRecord } from "../rulings/load-record.js";
import { API } from "./api-routes.js";
import type { ConsoleEnv } from "./console-env.js";
import { formToken } from "./csrf.js";
import { acts, may } from "./guard.js";
import { Columns, Token } from "./layout.js";
import { type ChangedText, ProposalReportView } from "./proposal-view.js";
import { render } from "./render.js";

/** How many texts that would change a proposal page shows (the report counts them all). */
const SHOWN_TEXTS = 20;

type Draft = { title: string; description: string; kind: "norm" | "lexicon"; yaml: string };

function SubmitForm({ c, draft, errors }: { c: Context<ConsoleEnv>; draft: Draft; errors: string[] }) {
  return (
    <form method="post" action="/console/propose" class="card">
      <Token session={c.get("session")} />
      {errors.length > 0 && (
        <div class="problem" role="alert" id="yaml-errors">
          <p>The change does not validate ({errors.length} problem(s)):</p>
          <pre>{errors.join("\n")}</pre>
        </div>
      )}
      <p>
        <label for="title">Title</label>
        <br />
        <input id="title" name="title" required maxlength={200} size={60} value={draft.title} />
      </p>
      <p>
        <label for="description">Why (optional)</label>
        <textarea id="description" name="description" maxlength={10000}>
          {draft.description}
        </textarea>
      </p>
      <p>
        <label for="kind">What it changes</label>{" "}
        <select id="kind" name="kind">
          <option value="norm" selected={draft.kind === "norm"}>
            a norm (added or replaced)
          </option>
          <option value="lexicon" selected={draft.kind === "lexicon"}>
            a lexicon
          </option>
        </select>
      </p>
      <p>
        <label for="yaml">The norm or lexicon as YAML</label>
        <textarea
          id="yaml"
          name="yaml"
          class="yaml"
          required
          spellcheck={false}
          aria-invalid={errors.length > 0 ? "true" : undefined}
          aria-describedby={errors.length > 0 ? "yaml-errors" : undefined}
        >
          {draft.yaml}
        </textarea>
      </p>
      <button type="submit">Submit the proposal</button>
    </form>
  );
}

const field = (form: Record<string, unknown>, name: string) => (typeof form[name] === "string" ? form[name] : "");

/**
 * Proposals: the list, one proposal's report, and submitting a change as YAML (checked as `norms check` does).
 * The form is `/propose`, not `/proposals/new`: beside `/proposals/:id`, a fixed word Hono's RegExpRouter cannot
 * tell apart, and one such pair anywhere in the app sends every request through the slower TrieRouter.
 */
export function registerProposalPages(app: Hono<ConsoleEnv>, roles: () => RouteRoles) {
  app.get("/proposals", acts(roles, API.proposals), async (c) => {
    const session = c.get("session");
    const list = await listProposals(c.get("services"), session.community, { limit: 100 });
    return render(
      c,
      roles,
      "Proposals",
      <>
        {may(roles(), session.role, API.propose) && (
          <p>
            <a href="/console/propose">Propose a change</a>
          </p>
        )}
        {list.data.length === 0 ? (
          <p>No proposals yet.</p>
        ) : (
          <table>
            <Columns names={["Title", "Status", "Adoptable", "Submitted"]} />
            <tbody>
              {list.data.map((p) => (
                <tr data-row>
                  <td>
                    <a href={`/console/proposals/${p.id}`}>{p.title}</a>
                  </td>
                  <td>{p.status}</td>
                  <td>{p.adoptable ? "yes" : "no"}</td>
                  <td>{p.created_at.slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </>,
    );
  });

  app.get("/propose", acts(roles, API.propose), async (c) => {
    const services = c.get("services");
    const from = c.req.query("norm");
    const set = await services.normSets.current(c.get("session").community);
    const yaml = from ? (canonicalFiles(set.pack)[`norms/${from}.yaml`] ?? "") : "";
    const draft: Draft = { title: "", description: "", kind: "norm", yaml };
    return render(c, roles, "Propose a change", <SubmitForm c={c} draft={draft} errors={[]} />);
  });

  app.post("/propose", acts(roles, API.propose), formToken(), async (c) => {
    const form = await c.req.parseBody();
    const draft: Draft = {
      title: field(form, "title").trim(),
      description: field(form, "description").trim(),
      kind: field(form, "kind") === "lexicon" ? "lexicon" : "norm",
      yaml: field(form, "yaml"),
    };
    const refuse = (errors: string[]) =>
      render(c, roles, "Propose a change", <SubmitForm c={c} draft={draft} errors={errors} />, 422);
    if (!draft.title || draft.title.length > 200) return refuse(["give the proposal a title (up to 200 characters)"]);
    if (!draft.yaml.trim()) return refuse(["paste the norm or lexicon as YAML"]);
    const change =
      draft.kind === "norm"
        ? { kind: "norm" as const, norm: draft.yaml }
        : { kind: "lexicon" as const, lexicon: draft.yaml };
    try {
      const proposal = await submitProposal(
        c.get("services"),
        c.get("session").community,
        { title: draft.title, ...(draft.description ? { description: draft.description } : {}), change },
        c.get("principal"),
      );
      return c.redirect(`/console/proposals/${proposal.id}`, 303);
    } catch (e) {
      if (!(e instanceof MoresError) || e.code !== "proposal_invalid") throw e;
      const listed = (e.extra.errors as string[] | undefined) ?? [];
      return refuse(listed.length ? listed : [e.detail]);
    }
  });

  // The form's address until 2026-12-01: no proposal id is "new" (they start "prp_"), so an old link, or the form
  // of a page opened before, still reaches it (308 keeps a POST a POST, with its body).
  const moved = (c: Context<ConsoleEnv>) => c.redirect(`/console/propose${new URL(c.req.url).search}`, 308);
  app.post("/proposals/:id", acts(roles, API.propose), (c) => (c.req.param("id") === "new" ? moved(c) : c.notFound()));

  app.get("/proposals/:id", acts(roles, API.proposal), async (c) => {
    if (c.req.param("id") === "new") return moved(c);
    const services = c.get("services");
    const { community } = c.get("session");
    const proposal = await getProposal(services, community, c.req.param("id"));
    const texts: ChangedText[] = await Promise.all(
      proposal.report.replay.changes.slice(0, SHOWN_TEXTS).map(async (ch) => {
        const record = await loadRulingRecord(services.db, community, ch.ruling_id).catch(() => null);
        return { ruling_id: ch.ruling_id, text: record?.row.contentText ?? null, from: ch.from, to: ch.to };
      }),
    );
    return render(c, roles, `Proposal: ${proposal.title}`, <ProposalReportView proposal={proposal} texts={texts} />);
  });
}
