import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, watchPageProblems } from './support/browser.ts';
import { projectRoot, type RunningServer, startServer } from './support/server.ts';

// A user's machine: a copy of the repository's tracked files in an empty folder, with no ../shared
// beside it. The server there must load the boundaries shipped in the repository and draw maps.
// node_modules is a symlink and the built web app is copied (npm ci and a build would cost minutes
// in CI and test nothing of ours); everything the server reads of its own comes from the copy.

let parent: string;
let clone: string;
let server: RunningServer;
let browser: Browser;

/** Copies the files git tracks (as they are in the working tree) into `target`. */
function copyTrackedFiles(target: string): number {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: projectRoot, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f !== '' && existsSync(path.join(projectRoot, f)));
  for (const file of files) {
    mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
    cpSync(path.join(projectRoot, file), path.join(target, file));
  }
  return files.length;
}

beforeAll(async () => {
  parent = mkdtempSync(path.join(os.tmpdir(), 'simpul-fresh-'));
  clone = path.join(parent, 'simpul');
  expect(copyTrackedFiles(clone)).toBeGreaterThan(100);
  symlinkSync(path.join(projectRoot, 'node_modules'), path.join(clone, 'node_modules'), 'dir');
  cpSync(path.join(projectRoot, 'dist'), path.join(clone, 'dist'), { recursive: true });
  server = await startServer({ root: clone });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (parent) rmSync(parent, { recursive: true, force: true });
});

describe('a fresh clone with nothing beside it', () => {
  it('has no ../shared and no data folder to fall back on', () => {
    expect(existsSync(path.join(parent, 'shared'))).toBe(false);
    expect(existsSync(path.join(clone, 'data'))).toBe(false);
  });

  it('serves village polygons from the shipped boundaries, with the 16 new villages listed as missing', async () => {
    const response = await fetch(`${server.baseUrl}/api/boundaries?level=village`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      features: Array<{ geometry: { type: string }; properties: { code: string; ancestors: string[] } }>;
      missing: Array<{ code: string }>;
    };
    expect(body.features).toHaveLength(1150);
    for (const f of body.features) expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
    expect(body.missing).toHaveLength(16);
    const pijot = body.features.find((f) => f.properties.code === '52.03.01.2002');
    expect(pijot?.properties.ancestors).toEqual(['Keruak', 'Kabupaten Lombok Timur']);

    const status = (await (await fetch(`${server.baseUrl}/api/boundaries/status`)).json()) as {
      levels: Array<{ level: string; withBoundary: number }>;
    };
    expect(Object.fromEntries(status.levels.map((l) => [l.level, l.withBoundary]))).toMatchObject({
      regency: 10,
      district: 117,
      village: 1150,
    });
  });

  it('draws the village map in the browser, and lists the villages without a polygon', async () => {
    const context = await browser.newContext({
      baseURL: server.baseUrl,
      viewport: { width: 1280, height: 900 },
    });
    const page = await context.newPage();
    const problems: string[] = [];
    watchPageProblems(page, problems);
    await page.goto('/peta?level=village');
    const map = page.getByTestId('www-map');
    await map.locator('canvas').first().waitFor();
    // Every village with a polygon reached the chart…
    expect(await map.getAttribute('data-regions')).toBe('1150');
    // …and the canvas shows them: many pixels in the map's fill colours, not an empty frame.
    const filled = await page.waitForFunction(
      () => {
        const canvas = document.querySelector('[data-testid="www-map"] canvas') as HTMLCanvasElement | null;
        const data = canvas?.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
        if (!data) return 0;
        let coloured = 0;
        for (let i = 0; i < data.length; i += 4) {
          const [r = 0, g = 0, b = 0, a = 0] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
          // The legend's teal classes and the light grey of areas with nothing to show.
          if (a > 200 && (g > r + 20 || (r > 230 && g > 235 && b > 240 && r < 250))) coloured += 1;
        }
        return coloured > 10_000 ? coloured : 0;
      },
      undefined,
      { timeout: 30_000, polling: 200 },
    );
    expect(await filled.jsonValue()).toBeGreaterThan(10_000);
    expect(
      await page.getByText('Batas wilayah untuk tingkat ini belum dimuat', { exact: false }).count(),
    ).toBe(0);
    const missing = page.getByTestId('map-missing');
    await missing.getByText('Tanpa batas peta (16)').waitFor();
    expect(await missing.locator('button[data-area-code]').count()).toBe(16);

    // The Wilayah page draws the real map, not the treemap with its "not imported" notice.
    await page.goto('/wilayah/52.03');
    await page.getByTestId('area-map').locator('canvas').first().waitFor();
    expect(await page.getByText('Batas wilayah belum diimpor').count()).toBe(0);
    await context.close();
    expect(problems).toEqual([]);
  });
});
