/**
 * The map's facts copy the owner's organisation type, and cached answers name owners: a
 * change to the organisation must reach the map and dashboard at once.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Client, makeOrganisation, makeUser, sessionFor } from '../../../../tests/support/factories.ts';
import { createTestApp, type TestContext } from '../../../../tests/support/test-db.ts';
import type { DB } from '../../db/types.ts';

let ctx: TestContext;
let db: Kysely<DB>;
let admin: Client;

beforeAll(async () => {
  ctx = await createTestApp();
  db = ctx.database.db;
  const orgId = await makeOrganisation(db);
  admin = await sessionFor(
    ctx.app,
    await makeUser(db, [{ organisationId: orgId, role: 'platform_admin', areaScope: null }]),
  );
});
afterAll(async () => {
  await ctx?.close();
});

async function mapOf(query: string) {
  const response = await ctx.app.inject({
    method: 'GET',
    url: `/api/who-what-where/map?level=regency&issue=odgj&${query}`,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().cells as Array<{ areaCode: string; programs: number }>;
}

it('moves a program to the new owner type on the map and dashboard when its owner changes type', async () => {
  const ownerId = await makeOrganisation(db, { type: 'ngo' });
  const created = await admin.post('/api/programs', {
    ownerOrgId: ownerId,
    title: 'Pendampingan keluarga ODGJ',
    issues: ['odgj'],
    villages: [{ code: '52.03.01.2002' }],
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    budgetPlanned: 75_000_000,
    modality: 'service',
    status: 'active',
  });
  expect(created.statusCode, created.body).toBe(201);
  // Read once so both answers are cached before the change.
  expect(await mapOf('orgType=ngo')).toEqual([expect.objectContaining({ areaCode: '52.03', programs: 1 })]);
  expect(await mapOf('orgType=philanthropy')).toEqual([]);

  const org = (await admin.get(`/api/organisations/${ownerId}`)).json();
  const changed = await admin.request({
    method: 'PATCH',
    url: `/api/organisations/${ownerId}`,
    payload: { type: 'philanthropy', version: org.version },
  });
  expect(changed.statusCode, changed.body).toBe(200);

  expect(await mapOf('orgType=ngo')).toEqual([]);
  expect(await mapOf('orgType=philanthropy')).toEqual([
    expect.objectContaining({ areaCode: '52.03', programs: 1 }),
  ]);
  const dashboard = (
    await ctx.app.inject({ method: 'GET', url: '/api/who-what-where/dashboard?issue=odgj' })
  ).json();
  expect(dashboard.byOrganisationType).toEqual([
    expect.objectContaining({ key: 'philanthropy', programs: 1 }),
  ]);
});
