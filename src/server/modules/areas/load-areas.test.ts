import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../../tests/support/test-db.ts';
import { loadProvinceAreas } from './load-areas.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => {
  await ctx?.close();
});

describe('loading a province from idn-area-data', () => {
  it('loads another province by code (NTT, 53) beside NTB', async () => {
    const result = await loadProvinceAreas(ctx.database.db, '53');
    expect(result.byLevel.province).toBe(1);
    expect(result.retired).toBe(0);
    const regencies = await ctx.app.inject({
      method: 'GET',
      url: '/api/areas?within=53&level=regency&limit=1',
    });
    expect(regencies.json().page.total).toBe(result.byLevel.regency);
    const villages = await ctx.app.inject({
      method: 'GET',
      url: '/api/areas?within=53&level=village&limit=1',
    });
    expect(villages.json().page.total).toBe(result.byLevel.village);
    // NTB is untouched.
    const ntb = await ctx.app.inject({ method: 'GET', url: '/api/areas?within=52&level=village&limit=1' });
    expect(ntb.json().page.total).toBe(1166);
  });

  it('re-loading changes nothing and retires nothing', async () => {
    const before = await ctx.database.db
      .selectFrom('areas')
      .select(['code', 'updated_at'])
      .where('province_code', '=', '52')
      .orderBy('code')
      .execute();
    const result = await loadProvinceAreas(ctx.database.db, '52');
    expect(result).toMatchObject({
      retired: 0,
      byLevel: { province: 1, regency: 10, district: 117, village: 1166 },
    });
    const after = await ctx.database.db
      .selectFrom('areas')
      .select(['code', 'updated_at'])
      .where('province_code', '=', '52')
      .orderBy('code')
      .execute();
    expect(after).toEqual(before);
  });

  it('retires a code that is no longer in the source instead of deleting it', async () => {
    await ctx.database.db
      .insertInto('areas')
      .values({
        code: '52.03.01.2999',
        parent_code: '52.03.01',
        province_code: '52',
        level: 'village',
        kind: 'desa',
        name: 'Desa Lama',
        name_search: 'desa lama',
        valid_from: '2020-01-01',
        valid_to: null,
        source: 'test',
      })
      .execute();
    const result = await loadProvinceAreas(ctx.database.db, '52');
    expect(result.retired).toBe(1);
    const verdict = await ctx.app.inject({
      method: 'POST',
      url: '/api/areas/validate',
      payload: { codes: ['52.03.01.2999'] },
    });
    expect(verdict.json().items[0].status).toBe('retired');
    const children = await ctx.app.inject({ method: 'GET', url: '/api/areas/52.03.01/children?limit=200' });
    expect(children.json().page.total).toBe(15);
    const withRetired = await ctx.app.inject({
      method: 'GET',
      url: '/api/areas/52.03.01/children?limit=200&includeRetired=true',
    });
    expect(withRetired.json().page.total).toBe(16);
  });

  it('refuses malformed and unknown province codes', async () => {
    await expect(loadProvinceAreas(ctx.database.db, '5')).rejects.toMatchObject({
      code: 'AREA_CODE_MALFORMED',
    });
    await expect(loadProvinceAreas(ctx.database.db, '99')).rejects.toMatchObject({ code: 'AREA_NOT_FOUND' });
  });
});
