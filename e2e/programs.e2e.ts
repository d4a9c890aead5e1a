import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { BrowserContext, Download, Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from './support/browser.ts';
import { signInViaApi } from './support/session.ts';
import { pagesPerTest, startedForFile } from './support/suite.ts';

// Issue 4, end to end: an organisation editor records a program in three villages of two
// kecamatan, sees it on the map at village level and in the dashboard totals, and exports the
// list with it. Elements are found by role and accessible name; Indonesian is the starting
// language. Figures compared before and after are read through the UI, as a person reads them.

const EDITOR = 'editor.ypas@simpul.demo';
const OWNER = 'Yayasan Peduli Anak Sasak';
/** Kecamatan Keruak and Sakra, both in Kabupaten Lombok Timur (52.03). */
const KERUAK = '52.03.01';
const SAKRA = '52.03.02';
const PIJOT = '52.03.01.2002';
const BUDGET = 300_000_000;
/** Several minutes: a six-step form, the village-level map of all NTB and two downloads on a busy machine. */
const LONG_TEST_MS = 360_000;

const pages = pagesPerTest(startedForFile());
let context: BrowserContext;
let page: Page;

beforeEach(async () => {
  // A fresh context per test; pagesPerTest closes it and checks its page problems.
  ({ context, page } = await pages.open());
});

type AreaItem = { code: string; name: string };
type MapCell = { areaCode: string; programs: number };

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "578", "Rp 197.616.430.000" (id-ID: "." groups thousands) → the whole number it shows. */
function parseIdNumber(text: string | null): number {
  const match = /^(?:Rp\s*)?(\d{1,3}(?:\.\d{3})*)$/.exec((text ?? '').replace(/\s+/g, ' ').trim());
  if (!match?.[1]) throw new Error(`not an id-ID whole number: "${text}"`);
  return Number(match[1].replaceAll('.', ''));
}

async function expectNoSeriousAxeViolations() {
  const serious = await seriousAxeViolations(page);
  expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
}

async function expectNoHorizontalScroll() {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `page is ${scrollWidth}px wide in a ${innerWidth}px viewport`).toBeLessThanOrEqual(
    innerWidth + 1,
  );
}

async function getJson<T>(url: string): Promise<T> {
  const response = await context.request.get(url);
  if (!response.ok()) throw new Error(`GET ${url} answered ${response.status()}: ${await response.text()}`);
  return (await response.json()) as T;
}

async function childrenOf(code: string): Promise<AreaItem[]> {
  return (await getJson<{ items: AreaItem[] }>(`/api/areas/${code}/children?limit=100`)).items;
}

/** True when the village picker (which asks for 15 hits) offers this village for its own name. */
async function findableByName(village: AreaItem): Promise<boolean> {
  const { items } = await getJson<{ items: AreaItem[] }>(
    `/api/areas/search?q=${encodeURIComponent(village.name)}&limit=15`,
  );
  return items.some((hit) => hit.code === village.code);
}

async function firstFindable(villages: AreaItem[]): Promise<AreaItem> {
  for (const village of villages) {
    if (await findableByName(village)) return village;
  }
  throw new Error(`none of ${villages.map((v) => v.code).join(', ')} is found by its name`);
}

/** Programs per village as the API counts them for the signed-in user. */
async function villageProgramCounts(): Promise<Map<string, number>> {
  const map = await getJson<{ cells: MapCell[] }>('/api/who-what-where/map?level=village');
  return new Map(map.cells.map((c) => [c.areaCode, c.programs]));
}

/** Opens the dashboard and reads the program count and the planned budget off the totals cards. */
async function readDashboardTotals(): Promise<{ programs: number; budget: number }> {
  await page.goto('/dasbor');
  await page.getByRole('heading', { name: 'Dasbor siapa melakukan apa di mana', level: 2 }).waitFor();
  const programs = page.getByTestId('total-programs');
  await programs.waitFor();
  return {
    programs: parseIdNumber(await programs.textContent()),
    budget: parseIdNumber(await page.getByTestId('total-budget-planned').textContent()),
  };
}

/** Opens a Mantine Select by its label and clicks an option. */
async function choose(label: string, option: string) {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

const form = () => page.getByRole('form', { name: 'Program baru' });

async function nextStep(expected: string) {
  await form().getByRole('button', { name: 'Lanjut', exact: true }).click();
  await form().getByText(expected, { exact: true }).waitFor();
}

/** Types a village's name into the village picker and picks the option showing its code. */
async function addVillage(village: AreaItem) {
  await page.getByRole('combobox', { name: 'Tambah desa sasaran', exact: true }).fill(village.name);
  await page.getByRole('option', { name: new RegExp(escapeRegExp(village.code)) }).click();
  await form().getByRole('row').filter({ hasText: village.code }).waitFor();
}

/** Clicks a menu entry that downloads a file and returns the download. */
async function download(menuItem: string): Promise<Download> {
  await page.getByRole('button', { name: 'Ekspor', exact: true }).click();
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: menuItem }).click(),
  ]);
  return file;
}

async function contentOf(file: Download): Promise<Buffer> {
  const path = await file.path();
  return readFile(path);
}

function columnOf(header: readonly unknown[], name: string): number {
  const index = header.indexOf(name);
  if (index < 0) throw new Error(`no column "${name}" in ${JSON.stringify(header)}`);
  return index;
}

/** The three codes of a cell listing villages ("52.03.01.2002; 52.03.01.2004; …"), sorted. */
const codesIn = (cell: unknown) =>
  String(cell ?? '')
    .split(';')
    .map((c) => c.trim())
    .filter(Boolean)
    .sort();

describe('a program from form to map, dashboard and export', () => {
  it(
    'an organisation editor records a program in three villages of two kecamatan, sees it on the map and in the totals, and exports it',
    async () => {
      const title = `Uji E2E Tengkes Keruak-Sakra ${randomBytes(4).toString('hex')}`;

      // 1. Signed in as the editor: the villages, the village counts and the dashboard totals before.
      await signInViaApi(context, EDITOR);
      const keruak = await childrenOf(KERUAK);
      const sakra = await childrenOf(SAKRA);
      const pijot = keruak.find((v) => v.code === PIJOT);
      expect(pijot?.name).toBe('Pijot');
      const villages: AreaItem[] = [
        pijot as AreaItem,
        // Another village of Keruak (not Pijot Utara: its name contains Pijot's) and one of Sakra.
        await firstFindable(keruak.filter((v) => !v.name.startsWith('Pijot'))),
        await firstFindable(sakra),
      ];
      const codes = villages.map((v) => v.code).sort();
      const countsBefore = await villageProgramCounts();
      const before = await readDashboardTotals();
      expect(before.programs).toBeGreaterThan(0);

      // 2. The six-step form.
      await page.goto('/program/baru');
      await page.getByRole('heading', { name: 'Program baru', level: 2 }).waitFor();
      await form().getByText('Langkah 1 dari 6: Dasar', { exact: true }).waitFor();
      // An editor of one organisation starts with it chosen as the owner.
      const owner = form().getByText(OWNER, { exact: true });
      if ((await owner.count()) === 0) {
        await page.getByRole('combobox', { name: 'Organisasi pemilik', exact: true }).fill('Peduli Anak');
        await page.getByRole('option', { name: new RegExp(`^${OWNER}`) }).click();
      }
      await owner.waitFor();
      await form().getByRole('textbox', { name: 'Judul program', exact: true }).fill(title);
      await form().getByRole('combobox', { name: 'Isu', exact: true }).click();
      await page.getByRole('option', { name: 'Tengkes (stunting)' }).click();
      await page.keyboard.press('Escape');
      await choose('Modalitas bantuan', 'Pelatihan/pendampingan');
      await form().getByTestId('modality-hint').getByText('Produktif', { exact: true }).waitFor();
      await nextStep('Langkah 2 dari 6: Lokasi');

      for (const village of villages) await addVillage(village);
      await form()
        .getByRole('status')
        .filter({ hasText: '3 desa dipilih di 2 kecamatan, 1 kabupaten/kota.' })
        .waitFor();
      await form().getByRole('table', { name: 'Kecamatan Keruak' }).waitFor();
      await form().getByRole('table', { name: 'Kecamatan Sakra' }).waitFor();
      await nextStep('Langkah 3 dari 6: Mitra');
      await nextStep('Langkah 4 dari 6: Dana dan periode');

      // Dates are typed day first, as in Indonesia, whatever the browser's own date order.
      await form()
        .getByRole('textbox', { name: /^Tanggal mulai/ })
        .fill('01/02/2026');
      await form()
        .getByRole('textbox', { name: /^Tanggal selesai/ })
        .fill('30/11/2026');
      await page.keyboard.press('Tab');
      const budget = form().getByRole('textbox', { name: 'Anggaran rencana', exact: true });
      await budget.pressSequentially(String(BUDGET));
      // The field groups thousands the Indonesian way as it is typed.
      await expect.poll(() => budget.inputValue()).toBe('300.000.000');
      await nextStep('Langkah 5 dari 6: Capaian');
      await nextStep('Langkah 6 dari 6: Periksa dan simpan');

      const review = form().getByTestId('program-review');
      for (const text of [OWNER, title, 'Rp\u00a0300.000.000', '1 Feb 2026 – 30 Nov 2026']) {
        await review.getByText(text, { exact: true }).waitFor();
      }
      await review.getByText('3 desa dipilih di 2 kecamatan, 1 kabupaten/kota.').waitFor();
      // The villages chosen, by kecamatan, under their kabupaten.
      const chosen = review.getByTestId('review-villages');
      await chosen.getByText('Kabupaten Lombok Timur', { exact: true }).waitFor();
      const inKeruak = villages
        .filter((v) => v.code.startsWith(`${KERUAK}.`))
        .sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }))
        .map((v) => v.name);
      await chosen.getByText(`Kecamatan Keruak: ${inKeruak.join(', ')}`, { exact: true }).waitFor();
      await chosen.getByText(`Kecamatan Sakra: ${villages[2]?.name}`, { exact: true }).waitFor();
      // The status is a visible choice that says what each means for the map; a draft warns.
      const status = form().getByRole('radiogroup', { name: 'Status awal' });
      expect(await status.getByRole('radio', { name: /^Draf/ }).isChecked()).toBe(true);
      await form().getByTestId('draft-warning').waitFor();
      await status.getByRole('radio', { name: /^Berjalan/ }).click();
      expect(await status.getByRole('radio', { name: /^Berjalan/ }).isChecked()).toBe(true);
      await form().getByTestId('draft-warning').waitFor({ state: 'detached' });
      await form().getByRole('button', { name: 'Simpan program' }).click();

      // The new program's page: its title, budget and the three villages under their kecamatan.
      await page.getByRole('heading', { name: title, level: 2 }).waitFor();
      await page.getByText('Program tersimpan').waitFor();
      const programId = new URL(page.url()).pathname.split('/').pop() ?? '';
      expect(programId).toMatch(/^[0-9a-f-]{36}$/);
      expect(await page.getByTestId('program-budget-planned').textContent()).toBe('Rp\u00a0300.000.000');
      await page.getByRole('heading', { name: 'Desa sasaran (3)' }).waitFor();
      for (const village of villages) {
        await page
          .locator(`tr[data-area-code="${village.code}"]`)
          .getByRole('link', { name: village.name, exact: true })
          .waitFor();
      }
      await page.getByRole('table', { name: 'Kecamatan Keruak' }).waitFor();
      await page.getByRole('table', { name: 'Kecamatan Sakra' }).waitFor();

      // 3. The map at village level counts it in each of the three villages.
      await page.goto('/peta');
      await page.getByRole('heading', { name: 'Peta siapa melakukan apa di mana', level: 2 }).waitFor();
      const villageLevel = page
        .getByRole('radiogroup', { name: 'Tingkat wilayah' })
        .getByRole('radio', { name: 'Desa/kelurahan' });
      const radioId = await villageLevel.getAttribute('id');
      if (!radioId) throw new Error('the village level radio has no id to find its label by');
      await page.locator(`label[for="${radioId}"]`).click();
      await expect.poll(() => new URL(page.url()).searchParams.get('level')).toBe('village');
      const table = page.getByRole('table', { name: 'Angka per Desa/kelurahan' });
      expect(await table.getAttribute('data-testid')).toBe('map-table');
      const countsAfter = await villageProgramCounts();
      // The table is paged (over a thousand villages): find each village through its search box.
      const tableSearch = page.getByRole('textbox', { name: 'Cari di tabel' });
      for (const village of villages) {
        await tableSearch.fill(village.code);
        const row = table.locator(`tr[data-area-code="${village.code}"]`);
        await row.waitFor();
        // Columns: village, its kecamatan, its kabupaten, then the number of programs.
        const shown = parseIdNumber(await row.getByRole('cell').nth(3).textContent());
        expect(shown, village.code).toBeGreaterThanOrEqual(1);
        expect(shown, village.code).toBe(countsAfter.get(village.code));
        expect(shown, village.code).toBe((countsBefore.get(village.code) ?? 0) + 1);
      }
      // Pijot's panel lists the program (ordered by the budget it brings to the village).
      await tableSearch.fill('pijot');
      await table
        .locator(`tr[data-area-code="${PIJOT}"]`)
        .getByRole('button', {
          name: 'Tampilkan rincian Pijot (Keruak, Kabupaten Lombok Timur)',
          exact: true,
        })
        .click();
      const panel = page.getByRole('complementary', { name: 'Rincian wilayah' });
      await panel.getByRole('heading', { name: 'Pijot', level: 3 }).waitFor();
      // The panel names the village's kecamatan and kabupaten: village names repeat in NTB.
      await panel.getByText('Keruak, Kabupaten Lombok Timur', { exact: true }).waitFor();
      await panel.getByRole('link', { name: title }).waitFor();
      await expectNoSeriousAxeViolations();

      // 4. The dashboard totals grew by exactly this program and its budget.
      const after = await readDashboardTotals();
      expect(after.programs).toBe(before.programs + 1);
      expect(after.budget).toBe(before.budget + BUDGET);
      await expectNoSeriousAxeViolations();

      // 5. The list narrowed to the title, exported as CSV (with HXL hashtags) and as XLSX.
      await page.goto('/program');
      await page.getByRole('heading', { name: 'Program', level: 2, exact: true }).waitFor();
      await page.getByRole('searchbox', { name: 'Cari judul' }).fill(title);
      await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(title);
      const list = page.getByRole('table', { name: 'Daftar program' });
      await list.getByRole('link', { name: title }).waitFor();
      await expect.poll(() => list.locator('tbody tr').count()).toBe(1);

      const csvFile = await download('Unduh CSV');
      expect(csvFile.suggestedFilename()).toMatch(/^program-simpul-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = parse(await contentOf(csvFile), { bom: true }) as string[][];
      const [header = [], hashtags = [], ...rows] = csv;
      expect(hashtags.length).toBe(header.length);
      expect(hashtags.every((tag) => tag.startsWith('#'))).toBe(true);
      expect(rows.length).toBe(1);
      const csvRow = rows.find((r) => r[columnOf(header, 'Judul program')] === title);
      expect(csvRow).toBeDefined();
      expect(csvRow?.[columnOf(header, 'Pemilik program')]).toBe(OWNER);
      expect(codesIn(csvRow?.[columnOf(header, 'Kode desa/kelurahan')])).toEqual(codes);
      expect(codesIn(csvRow?.[columnOf(header, 'Kode kecamatan')])).toEqual([KERUAK, SAKRA]);
      expect(csvRow?.[columnOf(header, 'Anggaran rencana (Rp)')]).toBe(String(BUDGET));
      expect(csvRow?.[columnOf(header, 'Status')]).toBe('active');

      const xlsxFile = await download('Unduh Excel (XLSX)');
      expect(xlsxFile.suggestedFilename()).toMatch(/^program-simpul-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await contentOf(xlsxFile)) as unknown as ExcelJS.Buffer);
      const valuesOf = (sheet: ExcelJS.Worksheet | undefined): unknown[][] => {
        const out: unknown[][] = [];
        // ExcelJS rows and cells count from 1; slot 0 of `values` is always empty.
        sheet?.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
        return out;
      };
      const [xHeader = [], xHashtags = [], ...xRows] = valuesOf(workbook.getWorksheet('Program'));
      expect(xHashtags.every((tag) => String(tag).startsWith('#'))).toBe(true);
      const xRow = xRows.find((r) => r[columnOf(xHeader, 'Judul program')] === title);
      expect(xRow).toBeDefined();
      expect(codesIn(xRow?.[columnOf(xHeader, 'Kode desa/kelurahan')])).toEqual(codes);
      expect(Number(xRow?.[columnOf(xHeader, 'Anggaran rencana (Rp)')])).toBe(BUDGET);
      // The places sheet: one row per village, the budget split so it adds up to the whole.
      const [pHeader = [], , ...places] = valuesOf(workbook.getWorksheet('Lokasi'));
      const ours = places.filter((r) => r[columnOf(pHeader, 'Judul program')] === title);
      expect(ours.map((r) => String(r[columnOf(pHeader, 'Kode desa/kelurahan')])).sort()).toEqual(codes);
      const shares = ours.map((r) => Number(r[columnOf(pHeader, 'Bagian anggaran rencana (Rp)')]));
      expect(shares.reduce((sum, share) => sum + share, 0)).toBe(BUDGET);
    },
    LONG_TEST_MS,
  );

  it('shows a program and the dashboard on a phone without sideways scrolling', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signInViaApi(context, EDITOR);
    // The program with the largest budget: a long title and many villages stress the layout.
    const { items } = await getJson<{ items: Array<{ id: string; title: string }> }>(
      '/api/programs?limit=1&sort=budget',
    );
    const program = items[0];
    if (!program) throw new Error('the demo data has no program');
    await page.goto(`/program/${program.id}`);
    await page.getByRole('heading', { name: program.title, level: 2 }).waitFor();
    await page.getByRole('heading', { name: /^Desa sasaran \(/ }).waitFor();
    await expectNoHorizontalScroll();

    await page.goto('/dasbor');
    await page.getByTestId('total-budget-planned').waitFor();
    await page.getByTestId('top-contributors').waitFor();
    await expectNoHorizontalScroll();
  });
});
