import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { repoPath } from "../helpers/packs.js";
import { freshDatabase } from "../support/backends.js";
import { chromiumInstalled, launchBrowser, screenshotPath } from "../support/browser.js";
import { expectCase, httpCases } from "../support/http-cases.js";
import { TEST_WEBHOOK_ENV } from "../support/service.js";
import { expectJson } from "../support/tenants.js";
import { startReceiver } from "../support/webhook-receiver.js";
import { startWorkerDev, type WorkerDev } from "../support/worker-dev.js";

/**
 * The Worker inside the real workerd runtime (`wrangler dev --local`), with
 * Hyperdrive's local connection string pointed at a real PostgreSQL that
 * `mores db setup` migrated and seeded — the deploy path, locally. Needs
 * Debian's PostgreSQL (CI installs it).
 */
const admin = inject("postgresUrl");
const OPERATOR = "worker-operator-key-0123456789";

describe.skipIf(!admin)("mores inside workerd, on PostgreSQL through Hyperdrive", () => {
  let worker: WorkerDev;
  // The isolate's first moderation, made before any test so that it is the first in whatever order tests run.
  let cold: { response: Response; output: string };
  const call = (method: string, path: string, body?: unknown, key: string | null = OPERATOR) =>
    fetch(worker.base + path, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  beforeAll(async () => {
    const url = await freshDatabase(admin as string);
    const setup = spawnSync(process.execPath, ["--import", "tsx", repoPath("src/cli/main.ts"), "db", "setup"], {
      cwd: repoPath("."),
      env: {
        ...process.env,
        DATABASE_URL: url,
        MORES_OPERATOR_KEY: OPERATOR,
        MORES_NORMS_DIR: repoPath("norms/default"),
      },
      encoding: "utf8",
    });
    expect(setup.status, setup.stderr).toBe(0);
    worker = await startWorkerDev(url, {
      ...TEST_WEBHOOK_ENV, // its receiver is on 127.0.0.1
      MORES_OPERATOR_KEY: OPERATOR,
      LOG_LEVEL: "debug",
      MORES_NORMS_REFRESH_MS: "0",
    });
    const response = await call("POST", "/v1/communities/default/moderate", {
      content: { text: "I will find you and kill you." },
    });
    cold = { response, output: worker.output() };
  }, 300_000);
  afterAll(() => worker?.stop());

  it("a cold isolate serves its first moderation having compiled only the norm set it needs", async () => {
    const ruling = await expectJson<{ decision: string }>(cold.response, 201);
    expect(ruling.decision).toBe("remove");
    const compiles = cold.output.match(/"msg":"norm set compiled"[^\n]*/g) ?? [];
    expect(compiles).toHaveLength(1);
    expect(compiles[0]).toMatch(/"community":"default","version":1/);
  });

  it.each(httpCases().map((c) => [c.name, c] as const))("%s — the same case as on Node", async (_n, c) => {
    await expectCase(await call("POST", "/v1/communities/default/moderate", c.body), c);
  });

  it("moderates, fetches the ruling, and files and decides an appeal", async () => {
    const ruling = await expectJson<{ id: string; decision: string }>(
      call("POST", "/v1/communities/default/moderate", { content: { id: "w-1", text: "Shut up, you faggot." } }),
      201,
    );
    const fetched = await expectJson<{ id: string; decision: string }>(
      call("GET", `/v1/communities/default/rulings/${ruling.id}`),
      200,
    );
    expect(fetched).toMatchObject({ id: ruling.id, decision: "remove" });
    const appeal = await expectJson<{ id: string; state: string }>(
      call("POST", `/v1/communities/default/rulings/${ruling.id}/appeals`, { grounds: "I was quoting someone." }),
      201,
    );
    const decided = await expectJson<{ appeal: { state: string; outcome: string }; ruling: { decision: string } }>(
      call("POST", `/v1/communities/default/appeals/${appeal.id}/decision`, {
        outcome: "overturned",
        rationale: "The author was quoting abuse to report it.",
        moderator: "sam",
      }),
      200,
    );
    expect(decided).toMatchObject({
      appeal: { state: "decided", outcome: "overturned" },
      ruling: { decision: "allow" },
    });
  });

  it("rejects a bad key with 401, and another community's key with 403", async () => {
    for (const key of [null, "nonsense", `${OPERATOR}x`]) {
      const res = await call("GET", "/v1/communities/default/rulings", undefined, key);
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
    await expectJson(call("POST", "/v1/communities", { id: "edge", name: "Edge" }), 201);
    const key = await expectJson<{ key: string }>(call("POST", "/v1/communities/edge/keys", { role: "platform" }), 201);
    const own = await expectJson<{ decision: string }>(
      call("POST", "/v1/communities/edge/moderate", { content: { text: "you are a pathetic moron" } }, key.key),
      201,
    );
    expect(own.decision).toBe("hide");
    const other = await call("GET", "/v1/communities/default/rulings", undefined, key.key);
    expect(other.status).toBe(403);
  });

  it("a Cron Trigger delivers the webhook outbox, signed, from inside workerd", async () => {
    const receiver = await startReceiver();
    try {
      const endpoint = await expectJson<{ secret: string }>(
        call("POST", "/v1/communities/default/webhooks", { url: receiver.url, events: ["ruling.created"] }),
        201,
      );
      receiver.secret = endpoint.secret;
      const ruling = await expectJson<{ id: string }>(
        call("POST", "/v1/communities/default/moderate", { content: { text: "I will find you and kill you." } }),
        201,
      );
      const cron = await fetch(`${worker.base}/cdn-cgi/handler/scheduled`);
      expect(cron.status).toBe(200);
      for (let i = 0; i < 50 && receiver.received.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(receiver.rejected).toBe(0);
      expect(receiver.received.map((r) => r.body.type)).toEqual(["ruling.created"]);
      expect(JSON.stringify(receiver.received[0]?.body)).toContain(ruling.id);
      expect(receiver.received[0]?.headers["webhook-signature"]).toMatch(/^v1,/);
    } finally {
      await receiver.close();
    }
  });

  it("the console works inside workerd: a moderator signs in, sees the evidence marked, claims and decides a case", async () => {
    if (!chromiumInstalled()) return;
    const { key } = await expectJson<{ key: string }>(
      call("POST", "/v1/communities/default/keys", { role: "moderator", name: "wren" }),
      201,
    );
    const queued = await expectJson<{ id: string; decision: string }>(
      call("POST", "/v1/communities/default/moderate", {
        content: { text: "A guy on the bus used the word 'faggot' today and nobody said a word." },
      }),
      201,
    );
    expect(queued.decision).toBe("review");
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ baseURL: worker.base });
      await page.goto("/console");
      await page.getByLabel("Your API key").fill(key);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL("**/console/queue");
      await page.goto(`/console/rulings/${queued.id}`);
      expect(await page.locator("blockquote.text mark").allTextContents()).toContain("faggot");
      await page.getByRole("button", { name: /Claim/ }).click();
      expect(await page.getByRole("status").textContent()).toContain("Claimed by wren");
      await page.getByLabel(/Uphold: remove/).check();
      await page.getByLabel("Rationale (required)").fill("Aimed at nobody, but the word is used as an insult here.");
      await page.getByRole("button", { name: "Decide" }).click();
      await page.waitForURL(/done=Decided/);
      expect(await page.getByText(`This ruling supersedes ${queued.id}`).isVisible()).toBe(true);
      await page.screenshot({ path: screenshotPath("console-worker-decided"), fullPage: true });
    } catch (e) {
      console.log(worker.output().slice(-4000));
      throw e;
    } finally {
      await browser.close();
    }
  }, 90_000); // a browser flow on a shared machine: more than the default 30 s, no timing asserted
});
