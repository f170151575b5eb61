// A real browser for page tests: Debian's chromium driven by playwright-core (no browser download; see STACK.md).
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";

const CHROMIUM = process.env.MORES_CHROMIUM ?? "/usr/bin/chromium";

export const chromiumInstalled = (): boolean => existsSync(CHROMIUM);

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** Where a page test saves its screenshot: `test-results/<name>.png` (gitignored). */
export function screenshotPath(name: string): string {
  const dir = join(process.cwd(), "test-results");
  mkdirSync(dir, { recursive: true });
  return join(dir, `${name}.png`);
}
