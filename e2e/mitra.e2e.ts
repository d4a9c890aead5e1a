import type { BrowserContext, Locator, Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from './support/browser.ts';
import { DEMO_PASSWORD, signInViaApi } from './support/session.ts';
import { pagesPerTest, startedForFile } from './support/suite.ts';

// Mitra (organisation registry), sign-in and the audit trail, end to end against the real server
// with demo data. Elements are found by role and accessible name; Indonesian is the starting language.

const pages = pagesPerTest(startedForFile());
let context: BrowserContext;
let page: Page;

beforeEach(async () => {
  // A fresh context per test; pagesPerTest closes it and checks its page problems.
  ({ context, page } = await pages.open());
});

const mainNav = () => page.getByRole('navigation', { name: 'Navigasi utama' });
const directory = () => page.getByRole('table', { name: 'Daftar mitra' });

async function expectNoSeriousAxeViolations() {
  const serious = await seriousAxeViolations(page);
  expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
}

/** The error text Mantine shows under a field: the element the input's aria-describedby points at. */
async function fieldError(field: Locator): Promise<string> {
  await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const errorId = ids.find((id) => id.endsWith('-error'));
  if (!errorId)
    throw new Error(`no error message is attached to the field (aria-describedby="${ids.join(' ')}")`);
  return (await page.locator(`[id="${errorId}"]`).textContent()) ?? '';
}

/** Opens a Mantine Select by its label and clicks an option. */
async function choose(label: string, option: string) {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Types into a search picker (areas, organisations) and picks the first option matching `option`. */
async function pick(label: string, text: string, option: RegExp) {
  await page.getByRole('combobox', { name: label, exact: true }).fill(text);
  await page.getByRole('option', { name: option }).first().click();
}

async function signInWithForm(email: string) {
  await page.goto('/masuk');
  await page.getByRole('heading', { name: 'Masuk', level: 2 }).waitFor();
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  // A password field has no ARIA role; its label (with the required-field asterisk) finds it.
  await page.getByLabel(/^Kata sandi/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await page.getByRole('button', { name: /^Menu pengguna/ }).waitFor();
}

describe('Mitra for an anonymous visitor', () => {
  it('shows the verified directory without contacts or edit buttons, accessibly', async () => {
    await page.goto('/');
    await mainNav().getByRole('link', { name: 'Mitra', exact: true }).click();
    await page.getByRole('heading', { name: 'Mitra', level: 2 }).waitFor();
    await directory().waitFor();
    // Mitra is a built module now: no "Segera" badge in its navigation link; Admin is not offered.
    expect(await mainNav().getByRole('link', { name: 'Mitra', exact: true }).count()).toBe(1);
    expect(
      await mainNav()
        .getByRole('link', { name: /^Admin/ })
        .count(),
    ).toBe(0);
    expect(await page.getByRole('link', { name: 'Tambah mitra' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Ekspor' }).count()).toBe(0);
    // Every row the public sees is verified.
    const badges = await directory().locator('tbody tr td:last-child').allTextContents();
    expect(badges.length).toBeGreaterThan(0);
    expect(new Set(badges)).toEqual(new Set(['Terverifikasi']));
    await expectNoSeriousAxeViolations();

    await page.getByRole('searchbox', { name: 'Cari nama' }).fill('Peduli Anak');
    await directory().getByRole('link', { name: 'Yayasan Peduli Anak Sasak' }).click();
    await page.getByRole('heading', { name: 'Yayasan Peduli Anak Sasak', level: 2 }).waitFor();
    const contacts = page.getByRole('region', { name: 'Narahubung' });
    await contacts.getByText('hanya ditampilkan kepada pengguna yang masuk', { exact: false }).waitFor();
    expect(await contacts.getByRole('listitem').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Ubah' }).count()).toBe(0);
    // The profile lists the organisation's programs and partnerships (none yet for this one).
    await page
      .getByRole('region', { name: 'Program dan kemitraan' })
      .getByText('Belum ada program yang dimiliki atau diikuti organisasi ini.')
      .waitFor();
    // Coverage areas lead to the Wilayah module.
    expect(
      await page
        .getByRole('region', { name: 'Wilayah cakupan' })
        .getByRole('link')
        .first()
        .getAttribute('href'),
    ).toMatch(/^\/wilayah\/52\./);
  });

  it('keeps the filters in the address and folds them behind a button on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/mitra?type=government&q=dinas+sosial');
    await page.getByRole('list', { name: 'Daftar mitra' }).waitFor();
    const type = page.getByRole('combobox', { name: 'Jenis', exact: true });
    expect(await type.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Filter (1)' }).click();
    await type.waitFor({ state: 'visible' });
    expect(await type.inputValue()).toBe('Pemerintah (OPD/Dinas)');
    expect(await page.getByRole('searchbox', { name: 'Cari nama' }).inputValue()).toBe('dinas sosial');
    await expectNoSeriousAxeViolations();
  });
});

describe('Mitra for signed-in users', () => {
  it('warns an editor before saving a legal-name change that returns their verified organisation to review', async () => {
    await signInViaApi(context, 'editor.ypas@simpul.demo');
    const found = await context.request.get('/api/organisations?q=Yayasan+Peduli+Anak+Sasak');
    const own = ((await found.json()) as { items: Array<{ id: string; verificationStatus: string }> })
      .items[0];
    expect(own?.verificationStatus).toBe('verified');
    await page.goto(`/mitra/${own?.id}/ubah`);
    const legalName = page.getByRole('textbox', { name: 'Nama resmi' });
    await legalName.waitFor();
    const warning = page.getByRole('status').filter({ hasText: 'Organisasi ini akan ditinjau ulang' });
    // Another field: no warning. The legal name: the warning, gone again when it is put back.
    await page.getByRole('textbox', { name: 'Situs web' }).fill('https://ypas.example.org');
    expect(await warning.count()).toBe(0);
    await legalName.fill('Yayasan Peduli Anak Sasak Lestari');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('belum diverifikasi');
    await expectNoSeriousAxeViolations();
    await legalName.fill('Yayasan Peduli Anak Sasak');
    await warning.waitFor({ state: 'detached' });
  });

  it('editor registers an organisation (inline Indonesian errors first), finds it by filter; the auditor sees its create entry', async () => {
    // 1. The organisation editor signs in through the form.
    await signInWithForm('editor.ypas@simpul.demo');
    await mainNav().getByRole('link', { name: 'Mitra', exact: true }).click();
    await page.getByRole('link', { name: 'Tambah mitra' }).click();
    await page.getByRole('heading', { name: 'Tambah mitra', level: 2 }).waitFor();

    // 2. A two-letter legal name and a website without http(s): refused in the browser, in Indonesian.
    const legalName = page.getByRole('textbox', { name: 'Nama resmi' });
    const website = page.getByRole('textbox', { name: 'Situs web' });
    await legalName.fill('Ab');
    await choose('Jenis', 'LSM/ormas');
    await pick('Kedudukan', 'Keruak', /^Keruak/);
    await website.fill('cahaya-pesisir.example.org');
    await page.getByRole('button', { name: 'Simpan mitra' }).click();
    expect(await fieldError(legalName)).toBe('Nama resmi minimal 3 karakter.');
    expect(await fieldError(website)).toBe(
      'Tulis alamat situs lengkap yang diawali http:// atau https://, mis. https://yayasan.or.id.',
    );
    await page.getByRole('alert').filter({ hasText: 'Formulir belum dapat disimpan' }).waitFor();
    await expectNoSeriousAxeViolations();

    // 3. Fixed, with an issue and a coverage area, it saves and opens the new profile.
    await legalName.fill('Lembaga Cahaya Pesisir Keruak');
    await website.fill('https://cahaya-pesisir.example.org');
    await page.getByRole('combobox', { name: 'Isu fokus' }).click();
    await page.getByRole('option', { name: 'Tengkes (stunting)' }).click();
    await page.keyboard.press('Escape');
    await pick('Wilayah cakupan', 'Pijot', /^Pijot(?! Utara)/);
    expect(await legalName.getAttribute('aria-invalid')).not.toBe('true');
    await page.getByRole('button', { name: 'Simpan mitra' }).click();
    await page.getByRole('heading', { name: 'Lembaga Cahaya Pesisir Keruak', level: 2 }).waitFor();
    await page.getByText('Mitra tersimpan').waitFor();
    const id = new URL(page.url()).pathname.split('/').pop() ?? '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    // The registering editor may edit it; a coordinator verifies it later.
    await page.getByRole('link', { name: 'Ubah' }).waitFor();
    await page.getByText('Belum diverifikasi').first().waitFor();

    // 4. Found in the directory by type and search text; the filters are in the address.
    await page
      .getByRole('navigation', { name: 'Jejak halaman' })
      .getByRole('link', { name: 'Mitra' })
      .click();
    await directory().waitFor();
    await choose('Jenis', 'LSM/ormas');
    await page.getByRole('searchbox', { name: 'Cari nama' }).fill('Cahaya Pesisir');
    await directory().getByRole('link', { name: 'Lembaga Cahaya Pesisir Keruak' }).waitFor();
    await expect.poll(() => directory().locator('tbody tr').count()).toBe(1);
    const params = new URL(page.url()).searchParams;
    expect(params.get('type')).toBe('ngo');
    expect(params.get('q')).toBe('Cahaya Pesisir');

    // 5. Sign out through the user menu.
    await page.getByRole('button', { name: /^Menu pengguna/ }).click();
    await page.getByRole('menuitem', { name: 'Keluar' }).click();
    await page.getByRole('link', { name: 'Masuk' }).first().waitFor();

    // 6. The auditor finds the create entry of that organisation in the audit trail.
    await signInWithForm('auditor@simpul.demo');
    await mainNav().getByRole('link', { name: 'Admin', exact: true }).click();
    await page.getByRole('link', { name: 'Jejak audit' }).click();
    await page.getByRole('heading', { name: 'Jejak audit', level: 2 }).waitFor();
    await choose('Jenis data', 'Organisasi');
    await choose('Tindakan', 'Buat');
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('entityType')).toBe('organisation');
    const entry = page.getByTestId('audit-entry').filter({ hasText: id });
    await entry.waitFor();
    expect(await entry.count()).toBe(1);
    expect(await entry.textContent()).toContain('editor.ypas@simpul.demo');
    await entry.getByRole('button').first().click();
    const diff = entry.getByRole('table', { name: /^Perubahan pada catatan #/ });
    await diff
      .getByRole('row')
      .filter({ hasText: 'legalName' })
      .filter({ hasText: 'Lembaga Cahaya Pesisir Keruak' })
      .waitFor();

    await page.getByRole('button', { name: 'Periksa rantai' }).click();
    await page.getByTestId('chain-result').getByText('Rantai utuh').waitFor();
    await expectNoSeriousAxeViolations();
  });

  it('shows contacts and the edit button to the organisation’s own editor', async () => {
    await signInViaApi(context, 'editor.ypas@simpul.demo');
    await page.goto('/mitra?q=Peduli+Anak+Sasak');
    await directory().getByRole('link', { name: 'Yayasan Peduli Anak Sasak' }).click();
    await page.getByRole('heading', { name: 'Yayasan Peduli Anak Sasak', level: 2 }).waitFor();
    await page.getByRole('link', { name: 'Ubah' }).waitFor();
    const contacts = page.getByRole('region', { name: 'Narahubung' });
    expect(await contacts.getByRole('listitem').count()).toBeGreaterThan(0);
    // A viewer's rights are not a coordinator's: no verification control.
    expect(await page.getByRole('button', { name: 'Status verifikasi' }).count()).toBe(0);
  });

  it('imports a CSV: problems by row and column first, then the fixed file after confirmation', async () => {
    await signInViaApi(context, 'koordinator@simpul.demo');
    const template = await context.request.get('/api/organisations/import/template?format=csv');
    const header = (await template.text()).replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
    const columns = header.split(',');
    const row = (cells: Record<string, string>) => columns.map((c) => cells[c] ?? '').join(',');
    const file = (legalName: string) => ({
      name: 'mitra-uji.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `${header}\n${row({ kode: 'lembaga-uji-impor', nama_resmi: legalName, jenis: 'LSM', kode_wilayah: '52.03.01', isu: 'tengkes' })}\n`,
      ),
    });

    await page.goto('/mitra');
    await page.getByRole('link', { name: 'Impor' }).click();
    await page.getByRole('heading', { name: 'Impor mitra', level: 2 }).waitFor();
    await page.locator('input[type="file"]').setInputFiles(file('Ab'));
    await page.getByRole('button', { name: 'Periksa berkas' }).click();
    const problems = page.getByRole('table', { name: 'Masalah dalam berkas' });
    await problems.waitFor();
    const cells = await problems.locator('tbody tr').first().locator('td').allTextContents();
    expect(cells[0]).toBe('2');
    expect(cells[1]).toBe('nama_resmi');
    // In Indonesian only: the server's English message is not shown under it.
    expect(cells[2]).toBe('Terlalu pendek');
    await page.getByRole('button', { name: 'Unduh laporan kesalahan (CSV)' }).waitFor();
    expect(await page.getByRole('button', { name: /^Impor \d+ baris$/ }).count()).toBe(0);

    await page.locator('input[type="file"]').setInputFiles(file('Lembaga Uji Impor Keruak'));
    await page.getByRole('button', { name: 'Periksa berkas' }).click();
    await page.getByText('Berkas siap diimpor').waitFor();
    await page.getByRole('button', { name: 'Impor 1 baris' }).click();
    const done = page.getByRole('region', { name: 'Impor selesai' });
    await done.waitFor();
    expect(await done.getByText('ditambahkan', { exact: true }).locator('..').textContent()).toContain('1');

    await page.goto('/mitra?q=Uji+Impor');
    await directory().getByRole('link', { name: 'Lembaga Uji Impor Keruak' }).waitFor();
  });

  it("never imports the template's example rows: alone they are nothing to import, beside a real row they are listed as skipped", async () => {
    await signInViaApi(context, 'koordinator@simpul.demo');
    const template = await (
      await context.request.get('/api/organisations/import/template?format=csv')
    ).body();
    const columns = (
      template
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .split(/\r?\n/)[0] ?? ''
    ).split(',');
    const cells: Record<string, string> = {
      kode: 'lembaga-uji-contoh',
      nama_resmi: 'Lembaga Uji Setelah Contoh',
      jenis: 'LSM',
      kode_wilayah: '52.03.01',
    };
    const realRow = `${columns.map((c) => cells[c] ?? '').join(',')}\r\n`;

    await page.goto('/mitra/impor');
    await page.getByRole('heading', { name: 'Impor mitra', level: 2 }).waitFor();
    const input = page.locator('input[type="file"]');
    await input.setInputFiles({ name: 'templat-mitra-simpul.csv', mimeType: 'text/csv', buffer: template });
    await page.getByRole('button', { name: 'Periksa berkas' }).click();
    await page
      .getByRole('alert')
      .getByText(/Tidak ada yang diimpor/)
      .waitFor();

    await input.setInputFiles({
      name: 'templat-mitra-simpul.csv',
      mimeType: 'text/csv',
      buffer: Buffer.concat([template, Buffer.from(realRow)]),
    });
    await page.getByRole('button', { name: 'Periksa berkas' }).click();
    await page.getByText('Baris contoh templat dilewati').waitFor();
    await page.getByText('baris 2 (contoh-yayasan-sejahtera)').waitFor();
    await page.getByRole('button', { name: 'Impor 1 baris' }).waitFor();
  });
});
