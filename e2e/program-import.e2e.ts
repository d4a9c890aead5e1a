import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from './support/browser.ts';
import { projectRoot } from './support/server.ts';
import { signInViaApi } from './support/session.ts';
import { pagesPerTest, startedForFile } from './support/suite.ts';

// The program recap import wizard, end to end: a coordinator uploads the self-made fixture,
// keeps the guessed sheet, header and columns, answers the two questions the file leaves open
// (an unregistered partner, a budget written in words) and saves; the job's result is shown.

const FIXTURE = path.join(projectRoot, 'tests', 'fixtures', 'program-recap-small.xlsx');
// A company's own workbook (tests/fixtures/make-partner-workbook.ts): two-row header and the rest.
const PARTNER = path.join(projectRoot, 'tests', 'fixtures', 'program-recap-partner.xlsx');

const pages = pagesPerTest(startedForFile());
let context: BrowserContext;
let page: Page;

beforeEach(async () => {
  // A fresh context per test; pagesPerTest closes it and checks its page problems.
  ({ context, page } = await pages.open());
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

  it('reads a two-row header as a guess, asks once per company, says everything in Indonesian, and lets a correction be undone', async () => {
    await signInViaApi(context, 'koordinator@simpul.demo');
    await page.goto('/program/impor');
    await page.getByRole('heading', { name: 'Impor rekap program', level: 2 }).waitFor();
    await page.locator('input[type="file"]').setInputFiles(PARTNER);
    await page.getByRole('button', { name: 'Unggah dan baca' }).click();
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Lembar', exact: true }).inputValue())
      .toMatch(/^LAPORAN TJSL 2025/);
    await expect(
      page.getByRole('radio', { name: 'Pakai baris 4 sebagai judul kolom' }).isChecked(),
    ).resolves.toBe(true);
    await page.getByRole('button', { name: 'Lanjut' }).click();

    // RENCANA under ANGGARAN is the planned budget, shown as a guess to confirm.
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Anggaran', exact: true }).inputValue())
      .toBe('H · ANGGARAN (RP) › RENCANA');
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Realisasi anggaran', exact: true }).inputValue())
      .toBe('I · ANGGARAN (RP) › REALISASI');
    await page.getByText('Tebakan dari judul “ANGGARAN (RP) › RENCANA”: periksa atau ganti.').waitFor();
    await page.getByRole('button', { name: 'Lihat pratinjau' }).click();
    await page.getByText(/hal perlu Anda jawab/).waitFor();

    // Said in Indonesian only: no English server message under the questions.
    await page.getByText('Pijot ada di Kecamatan Keruak, bukan di Sakra.').waitFor();
    const questions = (await page.getByRole('article').allTextContents()).join('\n');
    expect(questions).not.toMatch(/ is in | not in |no organisation is registered|found here/);
    // One question for the company named on rows 7, 9 and 10.
    const baru = problemAt(/^Baris 7, kolom C/);
    await baru.getByText('Satu pertanyaan untuk baris 7, 9, 10').waitFor();
    // The corrections are listed, each with a way to refuse it.
    const corrections = page.getByRole('region', { name: /Koreksi otomatis/ });
    await corrections.getByText('“PENDIDKAN” dibaca sebagai isu Pendidikan (salah ketik).').waitFor();
    await expect(corrections.getByRole('button', { name: 'Bukan itu, tanyakan' }).count()).resolves.toBe(4);
    const serious = await seriousAxeViolations(page);
    expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);

    // Refuse one correction (LOTIM on row 10): it becomes a question, the corrected reading first.
    await corrections
      .getByRole('listitem')
      .filter({ hasText: '“LOTIM”' })
      .getByRole('button', { name: 'Bukan itu, tanyakan' })
      .click();
    const lotim = problemAt(/^Baris 10, kolom E/);
    await lotim.getByRole('combobox', { name: 'Pilih jawaban' }).click();
    await page.getByRole('option', { name: 'Kab. Lombok Timur' }).click();
    await lotim.waitFor({ state: 'detached' });
    await page.screenshot({ path: '/tmp/import-preview.png', fullPage: true });

    // Row 8 is its own program once it has a title (then its company is asked about too).
    const title = problemAt(/^Baris 8, kolom B/);
    await title.getByRole('textbox', { name: 'Nilai yang benar' }).fill('PAKET SEMBAKO LANSIA');
    await title.getByRole('button', { name: 'Terapkan' }).click();
    await title.waitFor({ state: 'detached' });
    // Register every company as new (the demo data has none of them).
    for (const row of [5, 7, 8]) {
      const card = problemAt(new RegExp(`^Baris ${row}, kolom C`));
      await card.getByRole('button', { name: 'Daftarkan saat disimpan' }).click();
      await card.waitFor({ state: 'detached' });
    }
    await problemAt(/^Baris 9, kolom G/)
      .getByRole('combobox', { name: 'Pilih jawaban' })
      .click();
    await page.getByRole('option', { name: 'Desa Pijot, Kec. Keruak, Kab. Lombok Timur' }).click();
    await problemAt(/^Baris 9, kolom G/).waitFor({ state: 'detached' });
    await problemAt(/^Baris 7, kolom G/)
      .getByRole('combobox', { name: 'Pilih jawaban' })
      .click();
    await page.getByRole('option', { name: 'Desa Puyung, Kec. Jonggat, Kab. Lombok Tengah' }).click();
    await problemAt(/^Baris 7, kolom G/).waitFor({ state: 'detached' });

    await page.getByText('Semua baris terbaca').waitFor();
    // The preview shows the realised budget and the continuation row.
    const table = page.getByRole('table', { name: /Program/ });
    await table.getByText('Baris 6 tanpa nama program: lanjutan program ini').waitFor();
    await table.getByText('Rp 210.000.000').waitFor();
    await page.getByRole('button', { name: 'Simpan 5 program' }).click();
    await page.getByText('Impor selesai').waitFor();
    await expect(page.getByText('program baru').locator('..').textContent()).resolves.toContain('5');
  });
});
