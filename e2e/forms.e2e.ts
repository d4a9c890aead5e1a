import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signInViaApi } from './support/session.ts';
import { pagesPerTest, startedForFile } from './support/suite.ts';

// Issue 8, the web forms: long text is counted and refused (never cut), dates are typed
// day/month/year with an Indonesian calendar, an empty budget is "not known" (not Rp 0), the
// review step offers the status and lists the villages, and the three forms fit a phone.

const EDITOR = 'editor.ypas@simpul.demo';
const COORDINATOR = 'koordinator@simpul.demo';
const PIJOT = '52.03.01.2002';
const PHONE = { width: 390, height: 844 };
const LONG_TEST_MS = 240_000;

let context: BrowserContext;
let page: Page;

const pages = pagesPerTest(startedForFile());

async function open(viewport: { width: number; height: number }) {
  ({ context, page } = await pages.open({ viewport }));
}

const programForm = () => page.getByRole('form', { name: 'Program baru' });

async function nextStep(expected: string) {
  await programForm().getByRole('button', { name: 'Lanjut', exact: true }).click();
  await programForm().getByText(expected, { exact: true }).waitFor();
}

/** Step 1's two choices every test program makes: issue stunting, modality service. */
async function chooseIssueAndModality() {
  await programForm().getByRole('combobox', { name: 'Isu', exact: true }).click();
  await page.getByRole('option', { name: 'Tengkes (stunting)' }).click();
  await page.keyboard.press('Escape');
  await programForm().getByRole('combobox', { name: 'Modalitas bantuan', exact: true }).click();
  await page.getByRole('option', { name: 'Layanan', exact: true }).click();
}

/** Every visible field lies wholly inside the viewport, and the page does not scroll sideways. */
async function expectNoCutFields(where: string) {
  const cut = await page.evaluate(() => {
    const width = window.innerWidth;
    const fields = [...document.querySelectorAll<HTMLElement>('main input, main textarea, main button')];
    return fields
      .filter((el) => {
        const box = el.getBoundingClientRect();
        const style = window.getComputedStyle(el);
        // Hidden inputs of radios and checkboxes are drawn by their cards; skip what is not shown.
        if (box.width === 0 || box.height === 0 || style.visibility === 'hidden' || style.opacity === '0')
          return false;
        return box.left < -1 || box.right > width + 1;
      })
      .map((el) => `${el.tagName} ${el.getAttribute('aria-label') ?? el.getAttribute('name') ?? el.id}`);
  });
  expect(cut, `${where}: fields outside the 390 px viewport`).toEqual([]);
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `${where}: page is ${scrollWidth}px wide`).toBeLessThanOrEqual(innerWidth + 1);
}

describe('the program form', () => {
  it(
    'counts and refuses over-long text, takes 28/11/2026, saves an empty budget as not known, and offers the status with the villages at review',
    async () => {
      await open({ width: 1280, height: 900 });
      await signInViaApi(context, EDITOR);
      await page.goto('/program/baru');
      await programForm().getByText('Langkah 1 dari 6: Dasar', { exact: true }).waitFor();

      // 1. Long text: pasted whole (no silent cut), counted, and the step refuses to go on.
      const title = programForm().getByRole('textbox', { name: 'Judul program', exact: true });
      await title.fill('x'.repeat(5000));
      expect((await title.inputValue()).length).toBe(5000);
      const counter = programForm().getByTestId('character-count');
      await expect.poll(() => counter.textContent()).toBe('5.000/300');
      await programForm()
        .getByText('Paling banyak 300 karakter: hapus 4.700 karakter agar dapat disimpan.', { exact: true })
        .waitFor();
      await programForm().getByRole('button', { name: 'Lanjut', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'Periksa' }).first().waitFor();
      await programForm().getByText('Langkah 1 dari 6: Dasar', { exact: true }).waitFor();

      // Near the limit the counter shows and the field is fine; well within it, no counter.
      const name = `Uji Form ${Date.now().toString(36)}`;
      await title.fill(name.padEnd(290, '.'));
      await expect.poll(() => counter.textContent()).toBe('290/300');
      expect(await title.getAttribute('aria-invalid')).not.toBe('true');
      await title.fill(name);
      await counter.waitFor({ state: 'detached' });

      await chooseIssueAndModality();
      await nextStep('Langkah 2 dari 6: Lokasi');

      await page.getByRole('combobox', { name: 'Tambah desa sasaran', exact: true }).fill('Pijot');
      await page.getByRole('option', { name: new RegExp(PIJOT.replaceAll('.', '\\.')) }).click();
      await programForm().getByRole('table', { name: 'Kecamatan Keruak' }).waitFor();
      await nextStep('Langkah 3 dari 6: Mitra');
      await nextStep('Langkah 4 dari 6: Dana dan periode');

      // 2. Dates typed day first; the calendar speaks Indonesian.
      const start = programForm().getByRole('textbox', { name: /^Tanggal mulai/ });
      await start.fill('01/02/2026');
      await page.getByText('Februari 2026', { exact: true }).waitFor();
      await page.keyboard.press('Escape');
      const end = programForm().getByRole('textbox', { name: /^Tanggal selesai/ });
      await end.fill('28/11/2026');
      await page.keyboard.press('Tab');
      expect(await end.inputValue()).toBe('28/11/2026');
      // The budget is left empty: not known.
      await nextStep('Langkah 5 dari 6: Capaian');
      await nextStep('Langkah 6 dari 6: Periksa dan simpan');

      // 3. Review: period in Indonesian, budget not known, the villages, the status as a choice.
      const review = programForm().getByTestId('program-review');
      await review.getByText('1 Feb 2026 – 28 Nov 2026', { exact: true }).waitFor();
      await review.getByText('Belum diketahui', { exact: true }).waitFor();
      await review
        .getByTestId('review-villages')
        .getByText('Kecamatan Keruak: Pijot', { exact: true })
        .waitFor();
      const status = programForm().getByRole('radiogroup', { name: 'Status awal' });
      await status.getByText('Tidak tampil di peta', { exact: false }).first().waitFor();
      await status.getByRole('radio', { name: /^Direncanakan/ }).click();
      await programForm().getByRole('button', { name: 'Simpan program' }).click();

      // 4. Saved as typed: ISO dates, no budget, planned; the detail says so in Indonesian.
      await page.getByRole('heading', { name, level: 2 }).waitFor();
      expect(await page.getByTestId('program-budget-planned').textContent()).toBe('Belum diketahui');
      await page.getByText('1 Feb 2026 – 28 Nov 2026', { exact: true }).first().waitFor();
      const id = new URL(page.url()).pathname.split('/').pop() ?? '';
      const saved = await (await context.request.get(`/api/programs/${id}`)).json();
      expect(saved).toMatchObject({
        periodStart: '2026-02-01',
        periodEnd: '2026-11-28',
        budgetPlanned: null,
        status: 'planned',
      });
    },
    LONG_TEST_MS,
  );
});

describe('the partnership and organisation forms', () => {
  it('show the counter and refuse over-long text, and take dates day first', async () => {
    await open({ width: 1280, height: 900 });
    await signInViaApi(context, COORDINATOR);
    await page.goto('/kemitraan/baru');
    const form = page.getByRole('form', { name: 'Kemitraan baru' });
    const description = form.getByRole('textbox', { name: 'Uraian', exact: true });
    await description.fill('d'.repeat(5100));
    await form.getByText('5.100/5.000', { exact: true }).waitFor();
    await form.getByText('Paling banyak 5.000 karakter: hapus 100 karakter agar dapat disimpan.').waitFor();
    const startsOn = form.getByRole('textbox', { name: 'Berlaku mulai', exact: true });
    await startsOn.fill('28/11/2026');
    await page.keyboard.press('Tab');
    expect(await startsOn.inputValue()).toBe('28/11/2026');

    await page.goto('/mitra/baru');
    const organisation = page.getByRole('form', { name: 'Tambah mitra' });
    const legalName = organisation.getByRole('textbox', { name: /^Nama resmi/ });
    await legalName.fill(`Yayasan ${'y'.repeat(232)}`);
    await organisation.getByText('240/200', { exact: true }).waitFor();
    await organisation
      .getByText('Paling banyak 200 karakter: hapus 40 karakter agar dapat disimpan.')
      .waitFor();
  });
});

describe('at phone width (390 px)', () => {
  it(
    'the program, partnership and organisation forms show every field whole',
    async () => {
      await open(PHONE);
      await signInViaApi(context, EDITOR);
      await page.goto('/program/baru');
      await programForm().getByText('Langkah 1 dari 6: Dasar', { exact: true }).waitFor();
      await expectNoCutFields('program, step 1');
      await programForm()
        .getByRole('textbox', { name: 'Judul program', exact: true })
        .fill('Uji layar ponsel');
      await chooseIssueAndModality();
      await nextStep('Langkah 2 dari 6: Lokasi');
      await page.getByRole('combobox', { name: 'Tambah desa sasaran', exact: true }).fill('Pijot');
      await page.getByRole('option', { name: new RegExp(PIJOT.replaceAll('.', '\\.')) }).click();
      // On a phone each village is a card whose target fields are whole, not a table cut at the edge.
      await programForm().getByRole('textbox', { name: 'Target rumah tangga di Pijot' }).waitFor();
      await expectNoCutFields('program, villages');
      await nextStep('Langkah 3 dari 6: Mitra');
      await nextStep('Langkah 4 dari 6: Dana dan periode');
      await expectNoCutFields('program, money and period');

      await signInViaApi(context, COORDINATOR);
      await page.goto('/kemitraan/baru');
      await page.getByRole('form', { name: 'Kemitraan baru' }).waitFor();
      await expectNoCutFields('partnership');

      await page.goto('/mitra/baru');
      await page.getByRole('form', { name: 'Tambah mitra' }).waitFor();
      await expectNoCutFields('organisation');
    },
    LONG_TEST_MS,
  );
});
