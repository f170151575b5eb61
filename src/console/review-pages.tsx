/** @jsxImportSource hono/jsx */
import type { Context, Hono } from "hono";
import type { RouteRoles } from "../http/middleware/authorize.js";
import { listNorms } from "../norms/read-norms.js";
import { claimReview, releaseReview } from "../reviews/claim.js";
import { decideReview } from "../reviews/decide-review.js";
import { listQueue } from "../reviews/queue.js";
import { API } from "./api-routes.js";
import { type CaseData, loadCase } from "./case-data.js";
import { CaseView } from "./case-page.js";
import { type ConsoleEnv, signer } from "./console-env.js";
import { formToken } from "./csrf.js";
import { DecisionFields } from "./decision-fields.js";
import { checkDecisionForm, upheldDecision } from "./decision-form.js";
import { acts, may } from "./guard.js";
import { Columns, Token } from "./layout.js";
import { age, render } from "./render.js";

/** The case page: the ruling as a case, with claim and decision when it waits and the role may act. */
function showCase(c: Context<ConsoleEnv>, roles: () => RouteRoles, data: CaseData, problem?: string) {
  const session = c.get("session");
  const canDecide = data.queued !== null && may(roles(), session.role, API.decideReview);
  const norms = data.engaged.flatMap((e) => (e.norm ? [e.norm] : []));
  const claim = data.queued && may(roles(), session.role, API.claim) && (
    <form method="post" action={`/console/rulings/${data.ruling.id}/claim`}>
      <Token session={session} />
      <p>
        {data.queued.claimed_by ? `Claimed by ${data.queued.claimed_by}. ` : "Not claimed yet. "}
        <button id="claim" type="submit" class="secondary">
          Claim <kbd>c</kbd>
        </button>
      </p>
    </form>
  );
  // The holder can give the case back to the queue before the lease ends.
  const mine = data.queued?.claimed_by !== null && data.queued?.claimed_by === signer(c).moderator;
  const release = mine && may(roles(), session.role, API.release) && (
    <form method="post" action={`/console/rulings/${data.ruling.id}/release`}>
      <Token session={session} />
      <button id="release" type="submit" class="secondary">
        Release
      </button>
    </form>
  );
  const notice = c.req.query("done");
  return render(
    c,
    roles,
    data.queued ? "Case waiting for review" : "Ruling",
    <>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <CaseView
        data={data}
        actions={
          <>
            {claim}
            {release}
            {canDecide && (
              <DecisionFields
                action={`/console/rulings/${data.ruling.id}/decide`}
                session={session}
                norms={norms}
                upholdLabel={`Uphold: ${upheldDecision(data.ruling)}`}
                problem={problem}
              />
            )}
          </>
        }
      />
    </>,
    problem ? 400 : 200,
  );
}

/** The review queue, the case page, claim and decide: each page acts as its API route, and calls its verb. */
export function registerReviewPages(app: Hono<ConsoleEnv>, roles: () => RouteRoles) {
  app.get("/queue", acts(roles, API.queue), async (c) => {
    const { community } = c.get("session");
    const services = c.get("services");
    const norm = c.req.query("norm") || undefined;
    const [queue, norms] = await Promise.all([
      listQueue(services, community, { limit: 100, ...(norm ? { norm } : {}) }),
      listNorms(services, community),
    ]);
    const now = services.clock();
    return render(
      c,
      roles,
      "Review queue",
      <>
        <form method="get" action="/console/queue">
          <label for="norm">Only cases of norm</label>{" "}
          <select id="norm" name="norm">
            <option value="">any norm</option>
            {norms.norms.map((n) => (
              <option value={n.id} selected={n.id === norm}>
                {n.title}
              </option>
            ))}
          </select>{" "}
          <button type="submit" class="secondary">
            Filter
          </button>
        </form>
        <p class="muted">
          Oldest first. <kbd>j</kbd>/<kbd>k</kbd> move, <kbd>Enter</kbd> opens.
        </p>
        {queue.data.length === 0 ? (
          <p>Nothing is waiting for review.</p>
        ) : (
          <table>
            <caption class="skip">Cases waiting for review</caption>
            <Columns names={["Waiting", "Text", "Norms", "Claimed by"]} />
            <tbody>
              {queue.data.map((q) => (
                <tr data-row>
                  <td>{age(q.waiting_since, now)}</td>
                  <td>
                    <a href={`/console/rulings/${q.ruling.id}`}>
                      {(q.ruling.content.text ?? q.ruling.id).slice(0, 120)}
                    </a>
                  </td>
                  <td>{q.ruling.norms.map((n) => n.title).join(", ")}</td>
                  <td>{q.claimed_by ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </>,
    );
  });

  app.get("/rulings/:id", acts(roles, API.ruling), async (c) =>
    showCase(c, roles, await loadCase(c.get("services"), c.get("session").community, c.req.param("id"))),
  );

  app.post("/rulings/:id/claim", acts(roles, API.claim), formToken(), async (c) => {
    const id = c.req.param("id");
    const claimed = await claimReview(c.get("services"), c.get("session").community, id, signer(c));
    return c.redirect(`/console/rulings/${id}?done=${encodeURIComponent(`Claimed by ${claimed.claimed_by}.`)}`, 303);
  });

  app.post("/rulings/:id/release", acts(roles, API.release), formToken(), async (c) => {
    const id = c.req.param("id");
    await releaseReview(c.get("services"), c.get("session").community, id, signer(c));
    return c.redirect(
      `/console/rulings/${id}?done=${encodeURIComponent("Released: the case is back in the queue.")}`,
      303,
    );
  });

  app.post("/rulings/:id/decide", acts(roles, API.decideReview), formToken(), async (c) => {
    const { community } = c.get("session");
    const services = c.get("services");
    const data = await loadCase(services, community, c.req.param("id"));
    const offered = data.engaged.flatMap((e) => e.norm?.exceptions.map((x) => x.id) ?? []);
    const checked = checkDecisionForm(await c.req.parseBody(), offered, upheldDecision(data.ruling));
    if (checked.problem !== undefined) return showCase(c, roles, data, checked.problem);
    const { form } = checked;
    const { ruling } = await decideReview(services, community, data.ruling.id, {
      decision: form.decision,
      rationale: form.rationale,
      ...(form.exception ? { exception: form.exception } : {}),
      ...signer(c),
    });
    const done = `Decided: ${form.decision}. This ruling supersedes the one reviewed.`;
    return c.redirect(`/console/rulings/${ruling.id}?done=${encodeURIComponent(done)}`, 303);
  });
}
