import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { englishIn } from '../tests/support/english.ts';
import { watchPageProblems } from './support/browser.ts';
import { signInViaApi } from './support/session.ts';
import { pagesPerTest, startedForFile } from './support/suite.ts';

// Every page of the Indonesian interface with the demo data, as a visitor and as signed-in
// coordinator and administrator: no English may be reachable there, and at phone width no list
// table may be cut (its columns must stack instead of running off the screen).

const running = startedForFile();
const pages = pagesPerTest(running);
/** Ids of demo records whose detail pages are visited. */
let ids: { organisation: string; program: string; partnership: string; user: string };

beforeAll(async () => {
  const first = async (path: string) => {
    const body = (await (await fetch(`${running.server.baseUrl}${path}`)).json()) as {
      items: Array<{ id: string }>;
    };
    const id = body.items[0]?.id;
    if (!id) throw new Error(`no demo record at ${path}`);
    return id;
  };
  ids = {
    organisation: await first('/api/organisations?limit=1'),
    program: await first('/api/programs?limit=1'),
    partnership: await first('/api/partnerships?limit=1'),
    user: '',
  };
});

type Visit = { path: string; heading?: string };

const PUBLIC_PAGES = (): Visit[] => [
  { path: '/' },
  { path: '/wilayah' },
  { path: '/wilayah/52.03' },
  { path: '/wilayah/52.03.01.2002' },
  { path: '/mitra' },
  { path: `/mitra/${ids.organisation}` },
  { path: '/program' },
  { path: `/program/${ids.program}` },
  { path: '/kemitraan' },
  { path: `/kemitraan/${ids.partnership}` },
  { path: '/peta' },
  { path: '/peta?level=village' },
  { path: '/dasbor' },
  { path: '/masuk' },
  { path: '/penerima-manfaat' },
];

const COORDINATOR_PAGES = (): Visit[] => [
  ...PUBLIC_PAGES(),
  { path: '/program/baru' },
  { path: '/program/impor' },
  { path: '/mitra/baru' },
  { path: '/mitra/impor' },
  { path: '/kemitraan/baru' },
  { path: `/program/${ids.program}/ubah` },
  { path: '/profil' },
];

const ADMIN_PAGES = (): Visit[] => [
  { path: '/' },
  { path: '/admin' },
  { path: '/admin/pengguna' },
  { path: `/admin/pengguna/${ids.user}` },
  { path: '/admin/isu' },
  { path: '/admin/audit' },
  { path: '/profil' },
];

/** Waits until the page has its data: no request in flight and no loading placeholder left. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(
    () =>
      document.querySelector('main') !== null &&
      document.querySelectorAll('.mantine-Skeleton-root, [aria-busy="true"] .mantine-Loader-root').length ===
        0,
    undefined,
    { timeout: 30_000 },
  );
}

/**
 * What a reader can meet on the page: its visible text and the labels, placeholders and titles.
 * Text marked as another language (`lang="en"`, e.g. an issue's English name in the taxonomy) is
 * left out: it is meant to be English, and says so to screen readers.
 */
function readableText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const foreign = (node: Element | null) => {
      const lang = node?.closest('[lang]')?.getAttribute('lang') ?? 'id';
      return !lang.toLowerCase().startsWith('id');
    };
    const parts = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || foreign(parent) || !parent.checkVisibility()) continue;
      if (['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(parent.tagName)) continue;
      parts.push(node.textContent ?? '');
    }
    for (const element of document.querySelectorAll('[aria-label], [placeholder], [title], [alt]')) {
      if (foreign(element)) continue;
      for (const name of ['aria-label', 'placeholder', 'title', 'alt']) {
        const value = element.getAttribute(name);
        if (value) parts.push(value);
      }
    }
    return parts.join('\n');
  });
}

async function englishOnPages(context: BrowserContext, visits: Visit[]): Promise<string[]> {
  const page = await context.newPage();
  const problems: string[] = [];
  watchPageProblems(page, problems);
  const findings: string[] = [];
  for (const visit of visits) {
    await page.goto(visit.path);
    await settle(page);
    for (const finding of englishIn(await readableText(page))) findings.push(`${visit.path}: ${finding}`);
  }
  await page.close();
  expect(problems).toEqual([]);
  return findings;
}

describe('Indonesian means Indonesian', () => {
  it('shows no English to a visitor on any public page', async () => {
    const { context } = await pages.open();
    expect(await englishOnPages(context, PUBLIC_PAGES())).toEqual([]);
  });

  it('shows no English to a signed-in coordinator, on the forms and import pages too', async () => {
    const { context } = await pages.open();
    await signInViaApi(context, 'koordinator@simpul.demo');
    expect(await englishOnPages(context, COORDINATOR_PAGES())).toEqual([]);
  });

  it('shows no English to an administrator on the admin pages', async () => {
    const { context } = await pages.open();
    await signInViaApi(context, 'admin@simpul.demo');
    const users = (await (await context.request.get('/api/users?limit=1')).json()) as {
      items: Array<{ id: string }>;
    };
    ids.user = users.items[0]?.id ?? '';
    expect(ids.user).not.toBe('');
    expect(await englishOnPages(context, ADMIN_PAGES())).toEqual([]);
  });

  it('says what each program count counts, and keeps the engine off the public Beranda', async () => {
    const { context, page } = await pages.open();
    await page.goto('/dasbor');
    await page
      .getByTestId('total-programs-scope')
      .getByText('draf dan dibatalkan tidak dihitung', { exact: false })
      .waitFor();
    await page.goto('/program');
    await page.getByRole('status').getByText('termasuk draf dan dibatalkan', { exact: false }).waitFor();
    await page.goto('/');
    await settle(page);
    const text = await readableText(page);
    expect(text).not.toMatch(/PGlite|latensi|Status sistem/);
    expect(text).not.toMatch(/Sedang dibangun/);
    await signInViaApi(context, 'admin@simpul.demo');
    await page.reload();
    await page.getByRole('heading', { name: 'Status sistem' }).waitFor();
  });
});

describe('the map under an area filter', () => {
  it('draws the level of a kecamatan or village filter instead of an empty kabupaten map', async () => {
    const { page } = await pages.open();
    // Sakra (52.03.02) has demo programs; the link asks for the kabupaten level (the default).
    await page.goto('/peta?area=52.03.02');
    await page.getByTestId('map-level-note').waitFor();
    const table = page.getByRole('table', { name: 'Angka per Kecamatan' });
    await table.locator('tr[data-area-code="52.03.02"]').waitFor();
    expect(await page.getByTestId('map-empty').count()).toBe(0);

    await page.goto('/peta?area=52.03.02.2001');
    const villages = page.getByRole('table', { name: 'Angka per Desa/kelurahan' });
    await villages.locator('tr[data-area-code="52.03.02.2001"]').waitFor();
    // The village is named with its kecamatan and kabupaten in the table.
    const row = villages.locator('tr[data-area-code="52.03.02.2001"]');
    expect(await row.getByRole('cell').nth(1).textContent()).toBe('Sakra');
    expect(await row.getByRole('cell').nth(2).textContent()).toBe('Lombok Timur');
  });
});

/** Tables whose content runs past the screen or hides behind a sideways scroll. */
function cutTables(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const cut: string[] = [];
    const width = document.documentElement.clientWidth;
    for (const table of document.querySelectorAll('main table')) {
      const box = table.getBoundingClientRect();
      if (box.width === 0) continue;
      const name = table.getAttribute('aria-label') ?? table.getAttribute('data-testid') ?? 'table';
      if (box.right > width + 1) cut.push(`${name}: runs to ${Math.round(box.right)} px of ${width}`);
      for (
        let parent = table.parentElement;
        parent && parent.tagName !== 'MAIN';
        parent = parent.parentElement
      ) {
        if (parent.scrollWidth > parent.clientWidth + 1 && getComputedStyle(parent).overflowX !== 'visible') {
          cut.push(`${name}: scrolls sideways (${parent.scrollWidth} px in ${parent.clientWidth})`);
          break;
        }
      }
    }
    return cut;
  });
}

describe('list tables at phone width', () => {
  it('stack their columns instead of cutting them, on every list page', async () => {
    const { context } = await pages.open({ viewport: { width: 390, height: 844 } });
    await signInViaApi(context, 'admin@simpul.demo');
    const page = await context.newPage();
    const findings: string[] = [];
    let tables = 0;
    for (const path of [
      '/program',
      '/kemitraan',
      '/mitra',
      '/peta?level=village',
      '/dasbor',
      '/wilayah/52.03',
      `/program/${ids.program}`,
      '/admin/pengguna',
      '/admin/isu',
      '/admin/audit',
      '/profil',
    ]) {
      await page.goto(path);
      await settle(page);
      tables += await page.locator('main table').count();
      for (const finding of await cutTables(page)) findings.push(`${path}: ${finding}`);
    }
    expect(tables).toBeGreaterThan(10);
    expect(findings).toEqual([]);
  });
});
