/** @jsxImportSource hono/jsx */
import type { Hono } from "hono";
import type { RouteRoles } from "../http/middleware/authorize.js";
import { getNorm, listNorms } from "../norms/read-norms.js";
import { API } from "./api-routes.js";
import type { ConsoleEnv } from "./console-env.js";
import { acts } from "./guard.js";
import { Columns } from "./layout.js";
import { render } from "./render.js";

/** The norms in force: what each says, protects and allows, its examples and its versions. */
export function registerNormPages(app: Hono<ConsoleEnv>, roles: () => RouteRoles) {
  app.get("/norms", acts(roles, API.norms), async (c) => {
    const services = c.get("services");
    const { community } = c.get("session");
    const inForce = await listNorms(services, community);
    const histories = await Promise.all(inForce.norms.map((n) => getNorm(services, community, n.id)));
    return render(
      c,
      roles,
      "Norms in force",
      <>
        <p class="muted">Norm set version {inForce.norm_set_version}.</p>
        {inForce.norms.map((n, i) => (
          <section class="card" aria-labelledby={`n-${n.id}`}>
            <h2 id={`n-${n.id}`}>
              {n.title} <span class="muted">({`${n.id}@${n.version}`})</span>
            </h2>
            <p>
              <strong>Statement.</strong> {n.statement}
            </p>
            <p>
              <strong>Function.</strong> Protects {n.function.protects.join(", ")}. {n.function.purpose}
            </p>
            <p>
              <strong>Justification.</strong> {n.justification.join(" ")}
            </p>
            <p>
              <strong>Action</strong> {n.action}, severity {n.severity}.
            </p>
            <h3>Exceptions</h3>
            {n.exceptions.length === 0 ? (
              <p class="muted">None.</p>
            ) : (
              <dl>
                {n.exceptions.map((x) => (
                  <>
                    <dt>
                      <code>{x.id}</code>
                      {x.requires_judgment ? " (needs judgment)" : ""}
                    </dt>
                    <dd>{x.description}</dd>
                  </>
                ))}
              </dl>
            )}
            <details>
              <summary>{`${n.examples.length} examples`}</summary>
              <table>
                <Columns names={["Text", "Expected"]} />
                <tbody>
                  {n.examples.map((e) => (
                    <tr>
                      <td>{e.text}</td>
                      <td>{e.exception ? `${e.expect} (${e.exception})` : e.expect}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
            <p class="muted">
              Versions:{" "}
              {(histories[i]?.versions ?? []).map((v) => `${v.version} (${v.created_at.slice(0, 10)})`).join(", ")}
            </p>
          </section>
        ))}
      </>,
    );
  });
}
