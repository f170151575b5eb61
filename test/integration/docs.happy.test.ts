import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/backends.js";
import { launchBrowser, screenshotPath } from "../support/browser.js";
import { startService, type TestService } from "../support/service.js";

type Document = { paths: Record<string, Record<string, { operationId?: string }>> };

/**
 * /docs is served by mores itself (Swagger UI from swagger-ui-dist), so it
 * renders with no network but the service: every request to any other host
 * is aborted and recorded, and none may be attempted.
 */
describe("/docs with the network blocked", () => {
  let svc: TestService;
  let browser: Browser;
  beforeAll(async () => {
    const [pglite] = backends();
    if (!pglite) throw new Error("PGlite is always a backend");
    [svc, browser] = await Promise.all([startService(pglite), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await svc?.close();
  });

  it("renders every documented operation from the service's own files and reaches no other host", async () => {
    const doc = (await (await svc.get("/openapi.json")).json()) as Document;
    const operationIds = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
    expect(operationIds).toContain("moderateContent");

    const page = await browser.newPage();
    const elsewhere: string[] = [];
    await page.route("**/*", (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === "127.0.0.1") return route.continue();
      elsewhere.push(url.href);
      return route.abort("blockedbyclient");
    });
    const scriptErrors: string[] = [];
    page.on("pageerror", (e) => scriptErrors.push(e.message));

    const answer = await page.goto(`${svc.base}/docs`);
    expect(answer?.status()).toBe(200);
    const shown = page.locator(".opblock-summary-operation-id");
    await shown.filter({ hasText: /^moderateContent$/ }).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: screenshotPath("docs-offline"), fullPage: true });

    expect((await shown.allTextContents()).sort()).toEqual([...operationIds].sort());
    await expect(page.getByText("Evaluate content and record a ruling").count()).resolves.toBeGreaterThan(0);
    expect(elsewhere).toEqual([]);
    expect(scriptErrors).toEqual([]);
  });
});
