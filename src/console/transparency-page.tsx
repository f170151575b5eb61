/** @jsxImportSource hono/jsx */
import type { Hono } from "hono";
import type { RouteRoles } from "../http/middleware/authorize.js";
import { transparency } from "../statements/transparency.js";
import { API } from "./api-routes.js";
import { BarChart, type Column, StackedColumns } from "./charts.js";
import type { ConsoleEnv } from "./console-env.js";
import { backlogAges, decisionsByDay, settledBy } from "./figures.js";
import { acts } from "./guard.js";
import { render } from "./render.js";

const DAYS = 30;
const percent = (x: number) => `${Math.round(x * 100)}%`;

/** How the community's rulings look: decisions over time, overturn rates, the backlog, the model's share. */
export function registerTransparencyPage(app: Hono<ConsoleEnv>, roles: () => RouteRoles) {
  app.get("/transparency", acts(roles, API.transparency), async (c) => {
    const services = c.get("services");
    const { community } = c.get("session");
    const [days, norms, backlog, settled] = await Promise.all([
      decisionsByDay(services, community, DAYS),
      transparency(services, community, {}),
      backlogAges(services, community),
      settledBy(services, community, DAYS),
    ]);
    // Every day of the range gets a column, so a quiet day shows as one.
    const today = services.clock().getTime();
    const columns: Column[] = Array.from({ length: DAYS }, (_, i) => ({
      label: new Date(today - (DAYS - 1 - i) * 86_400_000).toISOString().slice(0, 10),
      parts: [],
    }));
    for (const d of days) columns.find((c) => c.label === d.day)?.parts.push({ key: d.decision, value: d.n });
    const judged = settled.reduce((n, s) => n + s.n, 0);
    return render(
      c,
      roles,
      "Transparency",
      <>
        <section aria-labelledby="t-days">
          <h2 id="t-days">Decisions over the last {DAYS} days</h2>
          <StackedColumns id="days" title="Rulings per day, by decision" columns={columns} />
        </section>
        <section aria-labelledby="t-overturn">
          <h2 id="t-overturn">Overturned on appeal, per norm</h2>
          <BarChart
            id="overturn"
            title="Share of decided appeals overturned or modified, per norm"
            max={1}
            bars={norms.norms.map((n) => ({
              label: n.norm_id,
              key: "remove",
              value: n.overturn_rate ?? 0,
              text:
                n.overturn_rate === null
                  ? "no decided appeals"
                  : `${percent(n.overturn_rate)} of ${n.decided}${n.needs_rewriting ? " — needs rewriting" : ""}`,
            }))}
          />
        </section>
        <section aria-labelledby="t-backlog">
          <h2 id="t-backlog">Review backlog</h2>
          <p>
            {backlog.total}
            {backlog.more ? "+" : ""} cases waiting
            {backlog.oldest ? `; the oldest since ${backlog.oldest.slice(0, 16).replace("T", " ")} UTC` : ""}.
          </p>
          <BarChart
            id="backlog"
            title="Cases waiting for review, by how long they have waited"
            bars={backlog.buckets.map((b) => ({ label: b.label, key: "review", value: b.n, text: String(b.n) }))}
          />
        </section>
        <section aria-labelledby="t-model">
          <h2 id="t-model">Who settled the norms engaged (last {DAYS} days)</h2>
          <BarChart
            id="model"
            title="Engaged norms settled by rules, by a model, or sent to people"
            max={Math.max(1, judged)}
            bars={settled.map((s) => ({
              label: s.by,
              key: s.by,
              value: s.n,
              text: `${s.n} (${judged ? percent(s.n / judged) : "0%"})`,
            }))}
          />
        </section>
      </>,
    );
  });
}
