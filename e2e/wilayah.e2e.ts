import type { Locator, Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { seriousAxeViolations } from './support/browser.ts';
import { pagesPerTest, startedForFile } from './support/suite.ts';

// The Wilayah module end to end, against the real server with demo data and NTB boundaries.
// Elements are found by role and accessible name, as a screen-reader user would find them.

const pages = pagesPerTest(startedForFile());
let page: Page;

beforeEach(async () => {
  // A fresh context per test: empty localStorage, so Indonesian is the starting language.
  ({ page } = await pages.open());
});

const mainNav = () => page.getByRole('navigation', { name: /^(Navigasi utama|Main navigation)$/ });
const htmlLang = () => page.evaluate(() => document.documentElement.lang);

/** Picks a language in the header switch by clicking the visible label of its radio button. */
async function chooseLanguage(name: 'English' | 'Bahasa Indonesia') {
  const radio = page.getByRole('radiogroup', { name: 'Bahasa / Language' }).getByRole('radio', { name });
  const id = await radio.getAttribute('id');
  if (!id) throw new Error(`the ${name} radio has no id to find its label by`);
  await page.locator(`label[for="${id}"]`).click();
  await page.waitForFunction(
    (checked) => (document.getElementById(checked) as HTMLInputElement)?.checked,
    id,
  );
}

/** Clicks a link in the table of child areas that is labelled by `tableName`. */
async function openChild(tableName: RegExp, childName: string) {
  const table = page.getByRole('table', { name: tableName });
  await table.getByRole('link', { name: childName, exact: true }).click();
}

async function waitForAreaHeading(name: string): Promise<Locator> {
  const heading = page.getByRole('heading', { level: 2, name, exact: true });
  await heading.waitFor();
  return heading;
}

/** True once the map's canvas has at least one painted (non-transparent) pixel. */
async function waitForPaintedMap(map: Locator) {
  await map.locator('canvas').first().waitFor();
  await map.evaluate(
    (element) =>
      new Promise<void>((resolve, reject) => {
        const deadline = Date.now() + 20_000;
        const check = () => {
          const canvas = element.querySelector('canvas');
          const ctx = canvas?.getContext('2d');
          if (canvas && ctx && canvas.width > 0 && canvas.height > 0) {
            const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
            for (let i = 3; i < pixels.length; i += 4) {
              if ((pixels[i] ?? 0) > 0) return resolve();
            }
          }
          if (Date.now() > deadline) return reject(new Error('map canvas stayed empty'));
          requestAnimationFrame(check);
        };
        check();
      }),
  );
}

describe('app shell and language', () => {
  it('starts in Indonesian, switches to English, remembers it after a reload, and switches back', async () => {
    await page.goto('/');
    await mainNav().getByRole('link', { name: 'Beranda' }).waitFor();
    await mainNav().getByRole('link', { name: 'Wilayah' }).waitFor();
    expect(await htmlLang()).toBe('id');
    expect(await page.title()).toBe('Simpul');

    await chooseLanguage('English');
    await mainNav().getByRole('link', { name: 'Areas' }).waitFor();
    await mainNav().getByRole('link', { name: 'Home' }).waitFor();
    expect(await htmlLang()).toBe('en');
    expect(await page.evaluate(() => localStorage.getItem('simpul.lang'))).toBe('en');

    await page.reload();
    await mainNav().getByRole('link', { name: 'Partnerships' }).waitFor();
    expect(await htmlLang()).toBe('en');
    expect(await mainNav().getByRole('link', { name: 'Wilayah' }).count()).toBe(0);

    await chooseLanguage('Bahasa Indonesia');
    await mainNav().getByRole('link', { name: 'Kemitraan' }).waitFor();
    expect(await htmlLang()).toBe('id');
  });

  it('marks the current page in the navigation and explains modules that are not built yet', async () => {
    await page.goto('/');
    await mainNav()
      .getByRole('link', { name: /^Penerima Manfaat/ })
      .click();
    await page.getByRole('heading', { name: 'Segera hadir' }).waitFor();
    const current = mainNav().locator('[aria-current="page"]');
    expect(await current.count()).toBe(1);
    expect(await current.getAttribute('href')).toBe('/penerima-manfaat');
  });
});

describe('Wilayah', () => {
  it('drills from the province to a village through the children lists', async () => {
    await page.goto('/');
    await mainNav().getByRole('link', { name: 'Wilayah' }).click();
    await waitForAreaHeading('Nusa Tenggara Barat');

    await openChild(/^Kabupaten\/Kota di /, 'Kabupaten Lombok Timur');
    await waitForAreaHeading('Kabupaten Lombok Timur');

    await openChild(/^Kecamatan di /, 'Keruak');
    await waitForAreaHeading('Keruak');

    await openChild(/^Desa\/Kelurahan di /, 'Pijot');
    await waitForAreaHeading('Pijot');
    expect(new URL(page.url()).pathname).toBe('/wilayah/52.03.01.2002');

    const breadcrumb = page.getByRole('navigation', { name: 'Jejak wilayah' });
    const trail = (await breadcrumb.textContent())?.replace(/\s*›\s*/g, ' › ').trim();
    expect(trail).toBe('Nusa Tenggara Barat › Kabupaten Lombok Timur › Keruak › Pijot');
    expect(await breadcrumb.getByRole('link').allTextContents()).toEqual([
      'Nusa Tenggara Barat',
      'Kabupaten Lombok Timur',
      'Keruak',
    ]);

    const map = page.getByTestId('area-map');
    await map.waitFor({ state: 'visible' });
    expect(await map.getAttribute('role')).toBe('img');
    expect(await map.getAttribute('aria-label')).toMatch(/Kecamatan Keruak/);
    await waitForPaintedMap(map);

    // An ancestor in the breadcrumb leads back up.
    await breadcrumb.getByRole('link', { name: 'Keruak' }).click();
    await waitForAreaHeading('Keruak');
  });

  it('finds a village despite a typo ("pijod" → Pijot) and opens it', async () => {
    await page.goto('/wilayah');
    await waitForAreaHeading('Nusa Tenggara Barat');
    const search = page.getByRole('combobox', { name: 'Cari wilayah' });
    await search.fill('pijod');
    const option = page.getByRole('option', { name: /^Pijot(?! Utara)/ });
    await option.first().click();
    await waitForAreaHeading('Pijot');
    expect(new URL(page.url()).pathname).toBe('/wilayah/52.03.01.2002');
  });

  it('lists villages that have no boundary next to the map', async () => {
    // Praya Timur (Lombok Tengah) has four new villages without a polygon in the reference file.
    await page.goto('/wilayah/52.02.06');
    await waitForAreaHeading('Praya Timur');
    const missing = page.getByRole('list', { name: 'Tanpa batas peta' });
    await missing.waitFor();
    expect(await missing.getByRole('link').count()).toBeGreaterThan(0);
  });

  it('says plainly when an area code does not exist', async () => {
    await page.goto('/wilayah/52.99');
    await page.getByRole('heading', { name: 'Wilayah tidak ditemukan' }).waitFor();
  });

  it('has no serious accessibility violations on the Wilayah page', async () => {
    await page.goto('/wilayah/52.03.01');
    await waitForAreaHeading('Keruak');
    await waitForPaintedMap(page.getByTestId('area-map'));
    const serious = await seriousAxeViolations(page);
    expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);
  });

  it('works on a phone: navigation behind a menu button, map and list stacked, no serious axe findings', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/wilayah');
    await waitForAreaHeading('Nusa Tenggara Barat');
    const menu = page.getByRole('button', { name: 'Buka menu navigasi' });
    await menu.waitFor();
    // The closed menu is slid off-screen and inert (out of the tab order and the accessibility tree).
    const navBox = await page.locator('#simpul-navbar').boundingBox();
    expect(navBox && navBox.x + navBox.width <= 0).toBe(true);
    expect(await page.locator('#simpul-navbar').getAttribute('inert')).not.toBeNull();

    const map = page.getByTestId('area-map');
    await waitForPaintedMap(map);
    const table = page.getByRole('table', { name: /^Kabupaten\/Kota di / });
    const mapBox = await map.boundingBox();
    const tableBox = await table.boundingBox();
    expect(mapBox && tableBox && tableBox.y >= mapBox.y + mapBox.height).toBe(true);

    const serious = await seriousAxeViolations(page);
    expect(serious, JSON.stringify(serious, null, 2)).toEqual([]);

    await menu.click();
    await page.getByRole('button', { name: 'Tutup menu navigasi' }).waitFor();
    await mainNav().getByRole('link', { name: 'Beranda' }).click();
    await page.getByRole('heading', { level: 2, name: 'Selamat datang di Simpul' }).waitFor();
  });
});
