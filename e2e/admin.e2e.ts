import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousAxeViolations } from './support/browser.ts';
import { signInViaApi } from './support/session.ts';
import { pagesPerTest, startedForFile } from './support/suite.ts';

// Accounts and Admin end to end: user administration with the forced password change, the issue
// taxonomy, and a coordinator's verification and edit of an organisation.

/** A fresh browser context (its own cookies) with one page, watched for uncaught errors. */
const { open: newPage } = pagesPerTest(startedForFile());

async function expectNoSeriousAxeViolations(page: Page) {
  const serious = await seriousAxeViolations(page);
  expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
}

describe('Admin', () => {
  it('creates an account that must choose its own password, grants a role and revokes it', async () => {
    const { context, page } = await newPage();
    await signInViaApi(context, 'admin@simpul.demo');
    await page.goto('/');
    await page
      .getByRole('navigation', { name: 'Navigasi utama' })
      .getByRole('link', { name: 'Admin', exact: true })
      .click();
    await page.getByRole('link', { name: 'Pengguna', exact: true }).click();
    await page.getByRole('table', { name: 'Pengguna' }).waitFor();
    await expectNoSeriousAxeViolations(page);

    await page.getByRole('button', { name: 'Tambah pengguna' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tambah pengguna' });
    await dialog.getByRole('textbox', { name: 'Nama' }).fill('Rina Pendamping');
    await dialog.getByRole('textbox', { name: 'Email' }).fill('rina@contoh.example.org');
    const temporary = await dialog.getByRole('textbox', { name: 'Kata sandi sementara' }).inputValue();
    expect(temporary.length).toBeGreaterThanOrEqual(10);
    await dialog.getByRole('button', { name: 'Buat akun' }).click();
    await page.getByRole('heading', { name: 'Rina Pendamping', level: 2 }).waitFor();
    const userPath = new URL(page.url()).pathname;

    // A role in an organisation, found by name.
    await page.getByRole('combobox', { name: 'Organisasi', exact: true }).fill('Peduli Anak');
    await page.getByRole('option', { name: /Yayasan Peduli Anak Sasak/ }).click();
    await page.getByRole('combobox', { name: 'Peran', exact: true }).click();
    await page.getByRole('option', { name: 'Editor organisasi', exact: true }).click();
    await page.getByRole('button', { name: 'Berikan peran' }).click();
    const memberships = page.getByRole('table', { name: 'Peran dan keanggotaan' });
    await memberships.getByRole('row').filter({ hasText: 'Editor organisasi' }).waitFor();
    await expectNoSeriousAxeViolations(page);

    // The new user signs in with the temporary password and must replace it before anything else.
    const other = await newPage();
    await other.page.goto('/masuk?next=%2Fmitra');
    await other.page.getByRole('textbox', { name: 'Email' }).fill('rina@contoh.example.org');
    await other.page.getByLabel(/^Kata sandi/).fill(temporary);
    await other.page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await other.page.getByRole('heading', { name: 'Pilih kata sandi baru', level: 2 }).waitFor();
    await other.page.getByLabel(/^Kata sandi saat ini/).fill(temporary);
    await other.page.getByLabel(/^Kata sandi baru/).fill('pendek');
    await other.page.getByLabel(/^Ulangi kata sandi baru/).fill('pendek');
    await other.page.getByRole('button', { name: 'Ganti kata sandi' }).click();
    await other.page.getByText('Kata sandi baru minimal 10 karakter.').waitFor();
    await other.page.getByLabel(/^Kata sandi baru/).fill('rumah di tepi pantai pijot');
    await other.page.getByLabel(/^Ulangi kata sandi baru/).fill('rumah di tepi pantai pijot');
    await other.page.getByRole('button', { name: 'Ganti kata sandi' }).click();
    // Then the page asked for appears, with the new role.
    await other.page.getByRole('heading', { name: 'Mitra', level: 2 }).waitFor();
    await other.page.getByRole('link', { name: 'Tambah mitra' }).waitFor();

    // The administrator revokes the role again.
    await page.goto(userPath);
    await memberships
      .getByRole('button', { name: 'Cabut peran Editor organisasi di Yayasan Peduli Anak Sasak' })
      .click();
    await page
      .getByRole('dialog', { name: 'Cabut peran' })
      .getByRole('button', { name: 'Cabut peran' })
      .click();
    await page.getByText('Pengguna ini belum memiliki peran.').waitFor();
  });

  it('adds an issue to the taxonomy, refusing a malformed code first', async () => {
    const { context, page } = await newPage();
    await signInViaApi(context, 'koordinator@simpul.demo');
    await page.goto('/admin/isu');
    await page.getByRole('table', { name: 'Taksonomi isu' }).waitFor();
    await page.getByRole('button', { name: 'Tambah isu' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tambah isu' });
    await dialog.getByRole('textbox', { name: 'Kode' }).fill('Lansia Terlantar');
    await dialog.getByRole('textbox', { name: 'Nama (Indonesia)' }).fill('Lansia terlantar');
    await dialog.getByRole('textbox', { name: 'Nama (Inggris)' }).fill('Neglected older people');
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await dialog.getByText('Kode terdiri dari 2–41 huruf kecil', { exact: false }).waitFor();
    await expectNoSeriousAxeViolations(page);
    await dialog.getByRole('textbox', { name: 'Kode' }).fill('lansia_terlantar');
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await page
      .getByRole('table', { name: 'Taksonomi isu' })
      .getByRole('row')
      .filter({ hasText: 'lansia_terlantar' })
      .waitFor();
  });
});

describe('Coordinator', () => {
  it('registers a look-alike after the duplicate warning, verifies it and edits it', async () => {
    const { context, page } = await newPage();
    await signInViaApi(context, 'koordinator@simpul.demo');
    await page.goto('/mitra/baru');
    await page.getByRole('textbox', { name: 'Nama resmi' }).fill('Yayasan Peduli Anak Sasak Timur');
    // While typing, similar names are pointed out.
    await page
      .getByTestId('similar-names')
      .getByRole('link', { name: 'Yayasan Peduli Anak Sasak' })
      .waitFor();
    await page.getByRole('combobox', { name: 'Jenis', exact: true }).click();
    await page.getByRole('option', { name: 'LSM/ormas', exact: true }).click();
    await page.getByRole('combobox', { name: 'Kedudukan', exact: true }).fill('Jerowaru');
    await page
      .getByRole('option', { name: /^Jerowaru/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Simpan mitra' }).click();
    // The server's check lists the existing organisation; saving anyway is a deliberate second step.
    const warning = page
      .getByRole('alert')
      .filter({ hasText: 'Nama mirip dengan organisasi yang sudah ada' });
    await warning.getByRole('link', { name: 'Yayasan Peduli Anak Sasak' }).waitFor();
    await warning.getByRole('button', { name: 'Tetap simpan' }).click();
    await page.getByRole('heading', { name: 'Yayasan Peduli Anak Sasak Timur', level: 2 }).waitFor();

    await page.getByRole('button', { name: 'Status verifikasi' }).click();
    await page.getByRole('menuitem', { name: 'Tandai terverifikasi' }).click();
    await page.getByText('Status verifikasi diubah menjadi “Terverifikasi”.').waitFor();

    await page.getByRole('link', { name: 'Ubah' }).click();
    await page.getByRole('heading', { name: 'Ubah Yayasan Peduli Anak Sasak Timur', level: 2 }).waitFor();
    await page.getByRole('textbox', { name: 'Nama singkat' }).fill('YPAS Timur');
    await page.getByRole('button', { name: 'Tambah narahubung' }).click();
    await page
      .getByRole('group', { name: 'Narahubung 1' })
      .getByRole('textbox', { name: 'Nama' })
      .fill('Baiq Nurul');
    await page
      .getByRole('group', { name: 'Narahubung 1' })
      .getByRole('textbox', { name: 'Email' })
      .fill('baiq@');
    await page.getByRole('button', { name: 'Simpan perubahan' }).click();
    await page.getByText('Tulis alamat email yang lengkap, mis. nama@lembaga.or.id.').waitFor();
    await expectNoSeriousAxeViolations(page);
    await page
      .getByRole('group', { name: 'Narahubung 1' })
      .getByRole('textbox', { name: 'Email' })
      .fill('baiq@contoh.example.org');
    await page.getByRole('button', { name: 'Simpan perubahan' }).click();
    await page.getByRole('heading', { name: 'Yayasan Peduli Anak Sasak Timur', level: 2 }).waitFor();
    await page.getByText('YPAS Timur').first().waitFor();
    await page.getByRole('region', { name: 'Narahubung' }).getByText('Baiq Nurul').waitFor();
    expect(await page.getByText('Terverifikasi').count()).toBeGreaterThan(0);
  });
});
