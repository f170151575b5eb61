/** @jsxImportSource hono/jsx */
import type { Context, Hono } from "hono";
import { decideAppeal } from "../appeals/decide-appeal.js";
import { getAppeal, listAppeals } from "../appeals/read-appeals.js";
import type { RouteRoles } from "../http/middleware/authorize.js";
import { API } from "./api-routes.js";
import { type CaseData, loadCase } from "./case-data.js";
import { CaseView } from "./case-page.js";
import { type ConsoleEnv, signer } from "./console-env.js";
import { formToken } from "./csrf.js";
import { DecisionFields } from "./decision-fields.js";
import { checkDecisionForm } from "./decision-form.js";
import { acts, may } from "./guard.js";
import { Columns } from "./layout.js";
import { age, render } from "./render.js";

const OUTCOME = { allow: "overturned", uphold: "upheld", modify: "modified" } as const;

type Appeal = Awaited<ReturnType<typeof getAppeal>>;

/** An appeal's page: its grounds, the appealed ruling as a case, and the decision while it is open. */
function showAppeal(c: Context<ConsoleEnv>, roles: () => RouteRoles, appeal: Appeal, data: CaseData, problem?: string) {
  const session = c.get("session");
  const norms = data.engaged.flatMap((e) => (e.norm ? [e.norm] : []));
  const canDecide = appeal.state === "open" && may(roles(), session.role, API.decideAppeal);
  return render(
    c,
    roles,
    `Appeal of ruling ${appeal.ruling_id}`,
    <>
      <section class="card" aria-labelledby="grounds-h">
        <h2 id="grounds-h">Grounds of the appeal</h2>
        <p>{appeal.grounds}</p>
        <p class="muted">
          Filed {appeal.filed_at.slice(0, 16).replace("T", " ")} UTC · {appeal.state}
        </p>
        {appeal.state === "decided" && (
          <p class="notice" role="status">
            Decided by {appeal.decided_by}: {appeal.outcome} ({appeal.decision}). “{appeal.rationale}”
            {appeal.superseding_ruling_id && (
              <>
                {" "}
                Superseding ruling:{" "}
                <a href={`/console/rulings/${appeal.superseding_ruling_id}`}>{appeal.superseding_ruling_id}</a>.
              </>
            )}
          </p>
        )}
      </section>
      <CaseView
        data={data}
        actions={
          canDecide && (
            <DecisionFields
              action={`/console/appeals/${appeal.id}/decide`}
              session={session}
              norms={norms}
              upholdLabel={`Uphold the ruling (${data.ruling.decision})`}
              problem={problem}
            />
          )
        }
      />
    </>,
    problem ? 400 : 200,
  );
}

/** The appeals inbox and an appeal's page: the appealed ruling as a case, the grounds, and the decision. */
export function registerAppealPages(app: Hono<ConsoleEnv>, roles: () => RouteRoles) {
  app.get("/appeals", acts(roles, API.appeals), async (c) => {
    const services = c.get("services");
    const open = await listAppeals(services, c.get("session").community, { state: "open", limit: 100 });
    const now = services.clock();
    return render(
      c,
      roles,
      "Appeals",
      open.data.length === 0 ? (
        <p>No open appeals.</p>
      ) : (
        <table>
          <caption class="skip">Open appeals, newest first</caption>
          <Columns names={["Filed", "Grounds", "Ruling"]} />
          <tbody>
            {open.data.map((a) => (
              <tr data-row>
                <td>{age(a.filed_at, now)} ago</td>
                <td>
                  <a href={`/console/appeals/${a.id}`}>{a.grounds.slice(0, 120)}</a>
                </td>
                <td>
                  <code>{a.ruling_id}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ),
    );
  });

  app.get("/appeals/:id", acts(roles, API.appeals), async (c) => {
    const { community } = c.get("session");
    const appeal = await getAppeal(c.get("services"), community, c.req.param("id"));
    return showAppeal(c, roles, appeal, await loadCase(c.get("services"), community, appeal.ruling_id));
  });

  app.post("/appeals/:id/decide", acts(roles, API.decideAppeal), formToken(), async (c) => {
    const { community } = c.get("session");
    const services = c.get("services");
    const appeal = await getAppeal(services, community, c.req.param("id"));
    const data = await loadCase(services, community, appeal.ruling_id);
    const offered = data.engaged.flatMap((e) => e.norm?.exceptions.map((x) => x.id) ?? []);
    const checked = checkDecisionForm(await c.req.parseBody(), offered, "allow");
    if (checked.problem !== undefined) return showAppeal(c, roles, appeal, data, checked.problem);
    const { form } = checked;
    await decideAppeal(services, community, appeal.id, {
      outcome: OUTCOME[form.choice],
      rationale: form.rationale,
      ...(form.choice === "uphold" ? {} : { decision: form.decision }),
      ...(form.exception ? { exception: form.exception } : {}),
      ...signer(c),
    });
    return c.redirect(`/console/appeals/${appeal.id}`, 303);
  });
}
