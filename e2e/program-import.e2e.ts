import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser, seriousAxeViolations, watchPageProblems } from './support/browser.ts';
import { projectRoot, type RunningServer, startServer } from './support/server.ts';
import { signInViaApi } from './support/session.ts';

// The program recap import wizard, end to end: a coordinator uploads the self-made fixture,
// keeps the guessed sheet, header and columns, answers the two questions the file leaves open
// (an unregistered partner, a budget written in words) and saves; the job's result is shown.

const FIXTURE = path.join(projectRoot, 'tests', 'fixtures', 'program-recap-small.xlsx');

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageProblems: string[];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

beforeEach(async () => {
  context = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  pageProblems = [];
  watchPageProblems(page, pageProblems);
});

afterEach(async () => {
  await context?.close();
  expect(pageProblems).toEqual([]);
});

/** The card of one problem, named by its place in the file. */
const problemAt = (place: RegExp) => page.getByRole('article', { name: place });

describe('importing a program recap', () => {
  it('reads the file, asks what is open, and saves the programs as a job', async () => {
    await signInViaApi(context, 'koordinator@simpul.demo');
    await page.goto('/program/impor');
    await page.getByRole('heading', { name: 'Impor rekap program', level: 2 }).waitFor();

    await page.locator('input[type="file"]').setInputFiles(FIXTURE);
    await page.getByRole('button', { name: 'Unggah dan baca' }).click();

    // The instructions sheet is passed over for the one holding the table; its header is row 3.
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Lembar', exact: true }).inputValue())
      .toMatch(/^Data Program/);
    await expect(
      page.getByRole('radio', { name: 'Pakai baris 3 sebagai judul kolom' }).isChecked(),
    ).resolves.toBe(true);
    await page.getByRole('button', { name: 'Lanjut' }).click();

    await expect
      .poll(() => page.getByRole('combobox', { name: 'Nama program', exact: true }).inputValue())
      .toBe('B · Program');
    await page.getByRole('combobox', { name: 'Lembaga pelapor', exact: true }).fill('Peduli Anak');
    await page
      .getByRole('option', { name: /Yayasan Peduli Anak Sasak/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Lihat pratinjau' }).click();

    await page.getByText(/hal perlu Anda jawab/).waitFor();
    const serious = await seriousAxeViolations(page);
    expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);

    // The partner is not registered in the demo data: leave it out.
    const partner = problemAt(/^Baris 4, kolom J/);
    await partner.getByRole('button', { name: 'Abaikan (jangan dimasukkan)' }).click();
    // "seratus" is not an amount: type the amount meant.
    const budget = problemAt(/^Baris 8, kolom F/);
    await budget.getByRole('textbox', { name: 'Nilai yang benar' }).fill('100 jt');
    await budget.getByRole('button', { name: 'Terapkan' }).click();

    await page.getByText('Semua baris terbaca').waitFor();
    await page.getByRole('button', { name: 'Simpan 4 program' }).click();
    await page.getByText('Impor selesai').waitFor();
    await expect(page.getByText('program baru').locator('..').textContent()).resolves.toContain('4');
    await page.getByRole('link', { name: 'Lihat daftar program' }).waitFor();
  });
});
