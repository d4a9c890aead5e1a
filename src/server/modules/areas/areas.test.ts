import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../../tests/support/test-db.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => {
  await ctx?.close();
});

async function get(url: string) {
  const response = await ctx.app.inject({ method: 'GET', url });
  return { status: response.statusCode, body: response.json() };
}

describe('areas of NTB (province 52)', () => {
  it('has 10 kabupaten/kota, 117 kecamatan and 1,166 villages under 52', async () => {
    for (const [level, total] of [
      ['regency', 10],
      ['district', 117],
      ['village', 1166],
    ] as const) {
      const { status, body } = await get(`/api/areas?within=52&level=${level}&limit=1`);
      expect(status).toBe(200);
      expect(body.page.total).toBe(total);
    }
  });

  it('splits the villages into 1,021 desa and 145 kelurahan', async () => {
    const desa = await get('/api/areas?within=52&kind=desa&limit=1');
    const kelurahan = await get('/api/areas?within=52&kind=kelurahan&limit=1');
    expect(desa.body.page.total).toBe(1021);
    expect(kelurahan.body.page.total).toBe(145);
    const detail = await get('/api/areas/52');
    const counts = Object.fromEntries(
      detail.body.descendantCounts.map((c: { kind: string; count: number }) => [c.kind, c.count]),
    );
    expect(counts).toEqual({ kabupaten: 8, kota: 2, kecamatan: 117, desa: 1021, kelurahan: 145 });
  });

  it('resolves 52.03.01.2002 to Pijot with ancestors Keruak, Lombok Timur, NTB', async () => {
    const { status, body } = await get('/api/areas/52.03.01.2002');
    expect(status).toBe(200);
    expect(body).toMatchObject({ code: '52.03.01.2002', name: 'Pijot', level: 'village', kind: 'desa' });
    expect(body.ancestors.map((a: { code: string; name: string }) => [a.code, a.name])).toEqual([
      ['52', 'Nusa Tenggara Barat'],
      ['52.03', 'Kabupaten Lombok Timur'],
      ['52.03.01', 'Keruak'],
    ]);
  });

  it('lists the children of a kecamatan and pages through them', async () => {
    const first = await get('/api/areas/52.03.01/children?limit=10');
    expect(first.status).toBe(200);
    expect(first.body.page).toEqual({ limit: 10, offset: 0, total: 15 });
    const second = await get('/api/areas/52.03.01/children?limit=10&offset=10');
    expect(second.body.items).toHaveLength(5);
    const codes = [...first.body.items, ...second.body.items].map((a: { code: string }) => a.code);
    expect(new Set(codes).size).toBe(15);
    expect(codes.every((c: string) => c.startsWith('52.03.01.'))).toBe(true);
  });

  it('counts the villages under each listed area', async () => {
    const { body } = await get('/api/areas/52/children?limit=20');
    const counts = Object.fromEntries(
      body.items.map((a: { code: string; villageCount: number }) => [a.code, a.villageCount]),
    );
    expect(counts['52.03']).toBe(254);
    expect(counts['52.71']).toBe(50);
    const villages = await get('/api/areas/52.03.01/children?limit=1');
    expect(villages.body.items[0].villageCount).toBeNull();
  });

  it('does not assume contiguous kecamatan codes (Lombok Barat has no 04–06)', async () => {
    const { body } = await get('/api/areas/52.01/children?limit=200');
    const suffixes = body.items.map((a: { code: string }) => a.code.slice(-2));
    expect(suffixes).not.toContain('04');
    expect(body.page.total).toBe(10);
  });

  it('marks Kota Mataram as kota and its villages as kelurahan', async () => {
    const { body } = await get('/api/areas/52.71');
    expect(body.kind).toBe('kota');
    const villages = await get('/api/areas?within=52.71&level=village&limit=200');
    expect(villages.body.page.total).toBe(50);
    expect(villages.body.items.every((a: { kind: string }) => a.kind === 'kelurahan')).toBe(true);
  });
});

describe('area search', () => {
  const topCode = async (q: string, extra = '') => {
    const { status, body } = await get(`/api/areas/search?q=${encodeURIComponent(q)}${extra}`);
    expect(status).toBe(200);
    return body.items[0]?.code as string | undefined;
  };

  it('is case-insensitive and tolerates a small typo', async () => {
    expect(await topCode('PIJOT')).toBe('52.03.01.2002');
    expect(await topCode('pijod')).toBe('52.03.01.2002');
    expect(await topCode('keruk', '&level=district')).toBe('52.03.01');
  });

  it('ignores accents and apostrophes ("Hu\'u")', async () => {
    expect(await topCode('Hu’u', '&level=district')).toBe('52.05.03');
    expect(await topCode('huu', '&level=district')).toBe('52.05.03');
    expect(await topCode('Hûu', '&level=district')).toBe('52.05.03');
  });

  it('finds a regency by the words of its name and names the path of each hit', async () => {
    const { body } = await get('/api/areas/search?q=lombok%20timur&level=regency');
    expect(body.items[0]).toMatchObject({
      code: '52.03',
      name: 'Kabupaten Lombok Timur',
      path: 'Nusa Tenggara Barat',
    });
    const pijot = await get('/api/areas/search?q=pijot&level=village');
    expect(pijot.body.items[0].path).toBe('Keruak, Kabupaten Lombok Timur, Nusa Tenggara Barat');
  });

  it('narrows an ambiguous village name to one kabupaten with `within`', async () => {
    const all = await get('/api/areas/search?q=sukadana&level=village');
    const regencies = new Set(
      all.body.items
        .filter((a: { name: string }) => a.name === 'Sukadana')
        .map((a: { code: string }) => a.code.slice(0, 5)),
    );
    expect(regencies.size).toBeGreaterThanOrEqual(3);
    const { body } = await get('/api/areas/search?q=sukadana&level=village&within=52.03');
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((a: { code: string }) => a.code.startsWith('52.03.'))).toBe(true);
  });

  it('returns nothing for text that matches no area', async () => {
    const { body } = await get('/api/areas/search?q=zzxxqq');
    expect(body.items).toEqual([]);
  });
});

describe('code validation', () => {
  it('tells valid, malformed and unknown codes apart', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/areas/validate',
      payload: { codes: ['52.03.01.2002', '52.3.1', '52.03.01.9999', 'abc', '52'] },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.items.map((i: { status: string }) => i.status)).toEqual([
      'valid',
      'malformed',
      'unknown',
      'malformed',
      'valid',
    ]);
    expect(body.counts).toEqual({ valid: 2, malformed: 2, unknown: 1, retired: 0 });
  });

  it('refuses an empty list and non-string codes with VALIDATION_FAILED', async () => {
    for (const payload of [{ codes: [] }, { codes: [52] }, {}, { codes: ['52'], extra: true }]) {
      const response = await ctx.app.inject({ method: 'POST', url: '/api/areas/validate', payload });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('refuses a body that is not JSON with a 400, not a 500', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/areas/validate',
      headers: { 'content-type': 'application/json' },
      payload: '{"codes": [',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('VALIDATION_FAILED');
  });
});

describe('bad input gets a 4xx with a stable code', () => {
  it('a malformed code is AREA_CODE_MALFORMED (400)', async () => {
    for (const code of ['52.3', '5203', 'abc', '52.03.01.20021', '52..03']) {
      const { status, body } = await get(`/api/areas/${encodeURIComponent(code)}`);
      expect(status, code).toBe(400);
      expect(body.error.code).toBe('AREA_CODE_MALFORMED');
      expect(body.error.requestId).toMatch(/[0-9a-f-]{36}/);
    }
  });

  it('a well-formed but unknown code is AREA_NOT_FOUND (404)', async () => {
    for (const code of ['52.99', '52.03.01.9999', '99']) {
      const { status, body } = await get(`/api/areas/${code}`);
      expect(status).toBe(404);
      expect(body.error.code).toBe('AREA_NOT_FOUND');
    }
    const children = await get('/api/areas/52.99/children');
    expect(children.status).toBe(404);
    const within = await get('/api/areas?within=52.99');
    expect(within.body.error.code).toBe('AREA_NOT_FOUND');
  });

  it('a malformed `within` filter is AREA_CODE_MALFORMED', async () => {
    const { status, body } = await get('/api/areas?within=5x');
    expect(status).toBe(400);
    expect(body.error.code).toBe('AREA_CODE_MALFORMED');
  });

  it('negative, zero, fractional and huge page sizes are refused', async () => {
    for (const limit of ['-1', '0', '2.5', '201', '100000000000000000000', 'abc']) {
      const { status, body } = await get(`/api/areas?limit=${limit}`);
      expect(status, limit).toBe(400);
      expect(body.error.code).toBe('VALIDATION_FAILED');
      expect(body.error.details[0].path).toBe('querystring.limit');
    }
    const offset = await get('/api/areas?offset=-5');
    expect(offset.status).toBe(400);
  });

  it('unknown query parameters are refused and named', async () => {
    for (const url of [
      '/api/areas?foo=1',
      '/api/areas/52/children?level=village',
      '/api/areas/search?q=pi&x=1',
    ]) {
      const { status, body } = await get(url);
      expect(status, url).toBe(400);
      expect(body.error.code).toBe('VALIDATION_FAILED');
      expect(body.error.details[0]).toMatchObject({ code: 'unknown_parameter' });
    }
  });

  it('an unknown level or kind is refused', async () => {
    expect((await get('/api/areas?level=city')).status).toBe(400);
    expect((await get('/api/areas?kind=town')).status).toBe(400);
  });

  it('an unknown route is a JSON 404', async () => {
    const { status, body } = await get('/api/nothing-here');
    expect(status).toBe(404);
    expect(body.error.code).toBe('NOT_FOUND');
  });

  it('never answers 500 to arbitrary query strings (fuzz)', async () => {
    const params = fc.dictionary(
      fc.constantFrom('limit', 'offset', 'within', 'level', 'kind', 'q', 'includeRetired', 'x'),
      fc.oneof(fc.string({ maxLength: 30 }), fc.integer().map(String), fc.constant('52.03')),
      { maxKeys: 4 },
    );
    const paths = fc.constantFrom(
      '/api/areas',
      '/api/areas/search',
      '/api/areas/52/children',
      '/api/boundaries',
    );
    await fc.assert(
      fc.asyncProperty(paths, params, async (path, query) => {
        const qs = new URLSearchParams(query).toString();
        const response = await ctx.app.inject({ method: 'GET', url: `${path}?${qs}` });
        expect(response.statusCode).toBeLessThan(500);
        if (response.statusCode >= 400) expect(response.json().error.code).toMatch(/^[A-Z_]+$/);
      }),
      { numRuns: 150 },
    );
  });

  it('never answers 500 to arbitrary area codes in the path (fuzz)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 45 }), async (code) => {
        const response = await ctx.app.inject({
          method: 'GET',
          url: `/api/areas/${encodeURIComponent(code)}`,
        });
        expect(response.statusCode).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });
});
