import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_ADMIN_TOKEN, type TestContext } from '../../../../tests/support/test-db.ts';
import { SHIPPED_BOUNDARIES_PATH } from '../../config.ts';

const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

/** A square polygon around a point, small enough to be a village. */
function square(lng: number, lat: number, size = 0.01) {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lng, lat],
        [lng + size, lat],
        [lng + size, lat + size],
        [lng, lat + size],
        [lng, lat],
      ],
    ],
  };
}

function featureCollection(features: Array<{ code: unknown; geometry: unknown }>) {
  return {
    type: 'FeatureCollection',
    features: features.map((f) => ({ type: 'Feature', properties: { code: f.code }, geometry: f.geometry })),
  };
}

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => {
  await ctx?.close();
});

async function importFile(payload: unknown, headers: Record<string, string> = auth) {
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/api/boundaries',
    headers,
    payload: payload as object,
  });
  return { status: response.statusCode, body: response.json() };
}

async function status() {
  const response = await ctx.app.inject({ method: 'GET', url: '/api/boundaries/status' });
  return Object.fromEntries(
    (response.json().levels as Array<{ level: string; withBoundary: number }>).map((l) => [
      l.level,
      l.withBoundary,
    ]),
  );
}

describe('boundaries: with none loaded', () => {
  it('serves an empty collection that lists every area as missing', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/boundaries?level=regency' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.features).toEqual([]);
    expect(body.missing).toHaveLength(10);
    const detail = await ctx.app.inject({ method: 'GET', url: '/api/areas/52.03' });
    expect(detail.json()).toMatchObject({ hasBoundary: false, centroid: null });
  });
});

describe('boundaries: import guard', () => {
  it('needs the admin token (401 without, 403 with a wrong one)', async () => {
    const payload = featureCollection([{ code: '52.03.01.2002', geometry: square(116.5, -8.8) }]);
    expect((await importFile(payload, {})).status).toBe(401);
    const wrong = await importFile(payload, { authorization: 'Bearer wrong-token-wrong-token-wrong' });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('FORBIDDEN');
  });

  it('is switched off when no ADMIN_TOKEN is configured', async () => {
    const off = await createTestApp({ adminToken: null });
    try {
      const response = await off.app.inject({
        method: 'POST',
        url: '/api/boundaries',
        headers: auth,
        payload: featureCollection([]),
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('ADMIN_API_DISABLED');
    } finally {
      await off.close();
    }
  });
});

describe('boundaries: validation is all-or-nothing', () => {
  it('reports every bad feature and writes nothing', async () => {
    const payload = featureCollection([
      { code: '52.03.01.2002', geometry: square(116.5, -8.8) },
      { code: '52.03.01.9999', geometry: square(116.5, -8.8) },
      { code: null, geometry: square(116.5, -8.8) },
      { code: '52.03.01.2003', geometry: { type: 'Point', coordinates: [116.5, -8.8] } },
      { code: '52.03.01.2004', geometry: square(500, -8.8) },
      { code: '52.03.01.2002', geometry: square(116.5, -8.8) },
    ]);
    const { status: code, body } = await importFile(payload);
    expect(code).toBe(400);
    expect(body.error.code).toBe('BOUNDARY_FILE_INVALID');
    expect(body.error.details.map((d: { path: string; code: string }) => [d.path, d.code])).toEqual([
      ['features[1]', 'unknown_area'],
      ['features[2]', 'missing_code'],
      ['features[3].geometry', 'bad_geometry'],
      ['features[4].geometry', 'bad_coordinates'],
      ['features[5]', 'duplicate_code'],
    ]);
    expect((await status()).village).toBe(0);
  });

  it('refuses documents that are not GeoJSON or TopoJSON', async () => {
    for (const payload of [{ type: 'Nonsense' }, { type: 'FeatureCollection', features: [] }]) {
      const { status: code, body } = await importFile(payload);
      expect(code).toBe(400);
      expect(body.error.code).toBe('BOUNDARY_FILE_INVALID');
    }
    const notJson = await ctx.app.inject({
      method: 'POST',
      url: '/api/boundaries',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '{"type": "Feature',
    });
    expect(notJson.statusCode).toBe(400);
  });
});

describe('boundaries: import and serve', () => {
  it('imports GeoJSON keyed by dotted or undotted codes and serves it per level', async () => {
    const payload = featureCollection([
      { code: '52.03.01.2002', geometry: square(116.5, -8.8) },
      { code: '5203012003', geometry: square(116.52, -8.8) },
    ]);
    const { status: code, body } = await importFile(payload);
    expect(code).toBe(200);
    expect(body).toEqual({ imported: 2, byLevel: { village: 2 } });

    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/boundaries?level=village&within=52.03.01',
    });
    const collection = response.json();
    expect(collection.features.map((f: { id: string }) => f.id)).toEqual(['52.03.01.2002', '52.03.01.2003']);
    // A village's kecamatan and kabupaten travel with it: 34 village names repeat across NTB.
    expect(collection.features[0].properties).toEqual({
      code: '52.03.01.2002',
      name: 'Pijot',
      kind: 'desa',
      ancestors: ['Keruak', 'Kabupaten Lombok Timur'],
    });
    // The other 13 villages of Keruak have no polygon but must stay visible.
    expect(collection.missing).toHaveLength(13);
    expect(collection.missing[0].ancestors).toEqual(['Keruak', 'Kabupaten Lombok Timur']);

    const pijot = (await ctx.app.inject({ method: 'GET', url: '/api/areas/52.03.01.2002' })).json();
    expect(pijot.hasBoundary).toBe(true);
    expect(pijot.centroid[0]).toBeCloseTo(116.505, 3);
    expect(pijot.centroid[1]).toBeCloseTo(-8.795, 3);
  });

  it('re-importing replaces the polygon instead of duplicating it', async () => {
    const payload = featureCollection([{ code: '52.03.01.2002', geometry: square(116.6, -8.7) }]);
    expect((await importFile(payload)).status).toBe(200);
    expect((await status()).village).toBe(2);
    const pijot = (await ctx.app.inject({ method: 'GET', url: '/api/areas/52.03.01.2002' })).json();
    expect(pijot.centroid[0]).toBeCloseTo(116.605, 3);
  });

  it('rejects a bad level or within on the serving endpoint', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/boundaries?level=province' })).statusCode).toBe(
      400,
    );
    expect((await ctx.app.inject({ method: 'GET', url: '/api/boundaries' })).statusCode).toBe(400);
    const unknown = await ctx.app.inject({
      method: 'GET',
      url: '/api/boundaries?level=village&within=52.99',
    });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('boundaries: the NTB TopoJSON files shipped in the repository', () => {
  it('imports all three levels and keeps the 16 villages without a polygon visible', async () => {
    for (const file of ['ntb-regencies.topo.json', 'ntb-districts.topo.json', 'ntb-villages.topo.json']) {
      const payload = JSON.parse(readFileSync(path.join(SHIPPED_BOUNDARIES_PATH, file), 'utf8'));
      const { status: code, body } = await importFile(payload);
      expect(code, file).toBe(200);
      expect(body.imported).toBeGreaterThan(0);
    }
    expect(await status()).toMatchObject({ regency: 10, district: 117, village: 1150 });

    const villages = (await ctx.app.inject({ method: 'GET', url: '/api/boundaries?level=village' })).json();
    expect(villages.features).toHaveLength(1150);
    const missing = villages.missing.map((a: { code: string }) => a.code);
    expect(missing).toHaveLength(16);
    expect(missing).toContain('52.02.06.2011');
    expect(missing).toContain('52.07.02.2021');

    // Simplified polygons are lighter than the originals but still real polygons.
    const regencies = (await ctx.app.inject({ method: 'GET', url: '/api/boundaries?level=regency' })).json();
    expect(regencies.features).toHaveLength(10);
    for (const f of regencies.features) expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
  });
});
