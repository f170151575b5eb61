// The console in a real browser against the real Node service on PGlite: one browser and one server for the file.
import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { count } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { reviewEvents } from "../../src/db/schema/index.js";
import type { Ruling } from "../../src/domain/index.js";
import { repoPath } from "../helpers/packs.js";
import { backends } from "../support/backends.js";
import { chromiumInstalled, launchBrowser, screenshotPath } from "../support/browser.js";
import { startService, type TestService } from "../support/service.js";

const fixture = parse(readFileSync(repoPath("test/fixtures/console-cases.yaml"), "utf8")) as {
  review: unknown;
  appeal: { content: { text: string }; grounds: string };
  proposal: { title: string; norm: string; replace: [string, string] };
  invalid_norm: string;
};
const C = "/v1/communities/default";
const pglite = backends().find((b) => b.name === "pglite");

/** No serious or critical accessibility violation on the page as it is now. */
async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

// Whole flows in a real browser, with axe on each page and a proposal's examples and replay run: on a shared
// machine one can take tens of seconds, so each test gets more than the default 30 s (no timing is asserted).
describe.skipIf(!chromiumInstalled() || !pglite)("the console in a browser", { timeout: 120_000 }, () => {
  let svc: TestService;
  let browser: Browser;
  const keys: Record<string, string> = {};
  let queued: Ruling;
  let appealId: string;

  beforeAll(async () => {
    [svc, browser] = await Promise.all([startService(pglite as NonNullable<typeof pglite>), launchBrowser()]);
    const people: Array<[string, string]> = [
      ["moderator", "sam"],
      ["editor", "eve"],
      ["platform", "app"],
    ];
    for (const [role, name] of people) {
      const res = await svc.post(`${C}/keys`, { role, name });
      keys[role] = ((await res.json()) as { key: string }).key;
    }
    queued = (await (await svc.post(`${C}/moderate`, fixture.review)).json()) as Ruling;
    expect(queued.decision).toBe("review");
    const removed = (await (await svc.post(`${C}/moderate`, { content: fixture.appeal.content })).json()) as Ruling;
    const filed = await svc.post(
      `${C}/rulings/${removed.id}/appeals`,
      { grounds: fixture.appeal.grounds },
      {
        authorization: `Bearer ${keys.platform}`,
      },
    );
    appealId = ((await filed.json()) as { id: string }).id;
  });
  afterAll(async () => {
    await browser?.close();
    await svc?.close();
  });

  async function signIn(role: string): Promise<Page> {
    const context = await browser.newContext({ baseURL: svc.base });
    const page = await context.newPage();
    await page.goto("/console");
    await page.getByLabel("Your API key").fill(keys[role] as string);
    await page.getByRole("button", { name: "Sign in" }).click();
    return page;
  }

  it("a moderator signs in, claims a case with the keyboard, sees the evidence marked, decides it, and sees the superseding ruling", async () => {
    const page = await signIn("moderator");
    await expect(page.getByRole("heading", { name: "Review queue" }).isVisible()).resolves.toBe(true);
    const cookie = (await page.context().cookies()).find((c) => c.name === "mores_console");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict" });
    expect(cookie?.value).not.toContain(keys.moderator);
    await expectAccessible(page);

    await page.keyboard.press("j");
    await page.keyboard.press("Enter");
    await page.waitForURL(`**/console/rulings/${queued.id}`);
    expect(await page.locator("blockquote.text mark").allTextContents()).toContain("faggot");
    expect(await page.getByText("How was your day?").isVisible()).toBe(true);
    const slurs = page.locator("section:has(#norm-slurs)");
    expect(await slurs.getByRole("heading", { name: "Candidate exceptions" }).isVisible()).toBe(true);
    expect(await slurs.getByText("The norm engaged because:").isVisible()).toBe(true);
    await expectAccessible(page);

    // Claim, give the case back to the queue, and claim it again.
    await page.keyboard.press("c");
    await page.waitForURL(/done=/);
    expect(await page.getByRole("status").textContent()).toContain("Claimed by sam");
    await page.getByRole("button", { name: "Release" }).click();
    await page.waitForURL(/done=Released/);
    expect(await page.getByText("Not claimed yet.").isVisible()).toBe(true);
    await page.keyboard.press("c");
    await page.waitForURL(/done=Claimed/);
    expect(await page.getByRole("status").textContent()).toContain("Claimed by sam");
    // The README's picture of the case page (docs/console-case.png is a copy of it).
    await page.screenshot({ path: screenshotPath("console-case"), fullPage: true });

    await page.keyboard.press("a");
    const exception = page.getByLabel("Exception that applies (when allowing)");
    const offered = await exception.locator("option").allTextContents();
    expect(offered.filter((o) => o.startsWith("reporting-education:"))).toHaveLength(1);
    await exception.selectOption("reporting-education");
    await page.getByLabel("Rationale (required)").fill("Reported speech: the author tells what someone else said.");
    await page.getByRole("button", { name: "Decide" }).click();
    await page.waitForURL(/done=Decided/);
    expect(await page.getByText(`This ruling supersedes ${queued.id}`).isVisible()).toBe(true);
    expect(await page.locator("#ruling-summary").textContent()).toMatch(/^Decision allow · review/);
    await page.screenshot({ path: screenshotPath("console-case-decided"), fullPage: true });
    await page.context().close();
  });

  it("a moderator decides an appeal from the inbox", async () => {
    const page = await signIn("moderator");
    await page.goto("/console/appeals");
    await expectAccessible(page);
    await page.getByRole("link", { name: fixture.appeal.grounds }).click();
    await page.waitForURL(`**/console/appeals/${appealId}`);
    expect(await page.locator("blockquote.text mark").count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await page.getByLabel(/Uphold the ruling/).check();
    await page.getByLabel("Rationale (required)").fill("A threat aimed at the reader; no film is mentioned.");
    await page.getByRole("button", { name: "Decide" }).click();
    await page.waitForURL(`**/console/appeals/${appealId}`);
    expect(await page.getByRole("status").textContent()).toContain("Decided by sam: upheld");
    await page.screenshot({ path: screenshotPath("console-appeal-decided"), fullPage: true });
    await page.context().close();
  });

  it("a form posted without the session's CSRF token is refused and changes nothing", async () => {
    const page = await signIn("moderator");
    const fresh = (await (
      await svc.post(`${C}/moderate`, {
        content: { text: `${(fixture.review as { content: { text: string } }).content.text} again` },
      })
    ).json()) as Ruling;
    const claims = async () => (await svc.service.services.db.select({ n: count() }).from(reviewEvents))[0]?.n;
    const before = await claims();
    const status = await page.evaluate(
      (id) =>
        fetch(`/console/rulings/${id}/claim`, { method: "POST", body: new URLSearchParams({}) }).then((r) => r.status),
      fresh.id,
    );
    expect(status).toBe(403);
    expect(await claims()).toBe(before);
    await page.goto(`/console/rulings/${fresh.id}`);
    await page.screenshot({ path: screenshotPath("console-csrf") });
    await page.context().close();
  });

  it("a platform key cannot open the review queue", async () => {
    const page = await signIn("platform");
    const res = await page.goto("/console/queue");
    expect(res?.status()).toBe(403);
    expect(await page.getByRole("alert").textContent()).toContain("a platform key may not GET");
    expect(await page.getByRole("link", { name: "Review queue" }).count()).toBe(0);
    await expectAccessible(page);
    await page.screenshot({ path: screenshotPath("console-platform-refused") });
    await page.context().close();
  });

  it("an editor submits a change as YAML, sees validation errors inline, then reads the proposal's replay", async () => {
    const page = await signIn("editor");
    await page.goto("/console/norms");
    expect(await page.locator("#n-threats").isVisible()).toBe(true);
    await expectAccessible(page);

    await page.goto("/console/proposals");
    await page.getByRole("link", { name: "Propose a change" }).click();
    await page.waitForURL(/\/console\/propose$/);
    await page.getByLabel("Title").fill("A broken norm");
    await page.getByLabel("The norm or lexicon as YAML").fill(fixture.invalid_norm);
    await page.getByRole("button", { name: "Submit the proposal" }).click();
    expect(await page.getByRole("alert").textContent()).toContain("norms/threats.yaml");
    expect(await page.getByRole("alert").textContent()).toContain("statment");
    await expectAccessible(page);

    // The form's old address, as a bookmark would have it, still leads to the form with its norm filled in.
    await page.goto(`/console/proposals/new?norm=${fixture.proposal.norm}`);
    expect(new URL(page.url()).pathname).toBe("/console/propose");
    const yaml = await page.getByLabel("The norm or lexicon as YAML").inputValue();
    const [from, to] = fixture.proposal.replace;
    expect(yaml).toContain(from);
    await page.getByLabel("The norm or lexicon as YAML").fill(yaml.replace(from, to));
    await page.getByLabel("Title").fill(fixture.proposal.title);
    await page.getByRole("button", { name: "Submit the proposal" }).click();
    await page.waitForURL(/\/console\/proposals\/prp_/);
    expect(await page.getByRole("heading", { name: "Replay of recent rulings" }).isVisible()).toBe(true);
    expect(await page.getByRole("cell", { name: "remove → hide" }).isVisible()).toBe(true);
    expect(await page.getByText(fixture.appeal.content.text).first().isVisible()).toBe(true);
    expect(await page.locator("pre .add").allTextContents()).toContain(`+${to}\n`);
    await expectAccessible(page);
    await page.screenshot({ path: screenshotPath("console-proposal-replay"), fullPage: true });

    await page.goto("/console/transparency");
    expect(await page.locator("svg[role=img]").count()).toBe(4);
    await expectAccessible(page);
    await page.screenshot({ path: screenshotPath("console-transparency"), fullPage: true });
    await page.context().close();
  });
});
