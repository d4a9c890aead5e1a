import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchBrowser, watchPageProblems } from './browser.ts';
import { type RunningServer, startServer } from './server.ts';

/**
 * The real server (built web app, fresh embedded database, demo data) and a Chromium for
 * the whole test file: started before its first test, stopped after its last.
 */
export function startedForFile(): { readonly server: RunningServer; readonly browser: Browser } {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the server and browser start in beforeAll');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
  };
}

/** The viewport every test uses unless it asks for another (the phone-layout tests do). */
export const DESKTOP = { width: 1280, height: 900 } as const;

export type OpenedPage = { readonly context: BrowserContext; readonly page: Page };

/**
 * Browser contexts a test opens (each with its own cookies and empty localStorage, so Indonesian
 * is the starting language), one page in each, watched for uncaught errors and CSP refusals.
 * After every test the contexts are closed and the problems they saw must be none, so a broken
 * script or a blocked resource cannot pass unnoticed.
 */
export function pagesPerTest(running: { readonly server: RunningServer; readonly browser: Browser }): {
  open(options?: { viewport?: { width: number; height: number } }): Promise<OpenedPage>;
} {
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
    expect(problems.splice(0)).toEqual([]);
  });
  return {
    async open(options = {}) {
      const context = await running.browser.newContext({
        baseURL: running.server.baseUrl,
        viewport: options.viewport ?? DESKTOP,
      });
      contexts.push(context);
      const page = await context.newPage();
      watchPageProblems(page, problems);
      return { context, page };
    },
  };
}
