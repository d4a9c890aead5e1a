/**
 * One rule for unverified organisations' names (docs/access.md): visitors see programs and
 * partnerships of unverified organisations, but never their name, key or id. This test walks
 * every route the access matrix declares public (so a new public route is walked too), with the
 * records that involve an unverified organisation as parameters and filters, and searches every
 * answer — JSON, CSV and the cells of XLSX files — for that organisation.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_MATRIX } from '../src/server/http/access-matrix.ts';
import { UNVERIFIED_PARTNER_LABEL } from '../src/server/modules/organisations/names.ts';
import {
  type Client,
  makeOrganisation,
  makeUser,
  sessionFor,
  setVerificationStatus,
} from './support/factories.ts';
import { createTestApp, type TestContext } from './support/test-db.ts';

let ctx: TestContext;
let admin: Client;
/** The unverified organisation whose name must not reach visitors, and a verified one beside it. */
const secret = {
  id: '',
  key: `rahasia-${randomUUID().slice(0, 8)}`,
  name: `Yayasan Rahasia ${randomUUID()}`,
};
let verifiedId = '';
let verifiedName = '';
const programIds: string[] = [];
let partnershipId = '';
const VILLAGE = '52.03.01.2002';

beforeAll(async () => {
  ctx = await createTestApp();
  const db = ctx.database.db;
  admin = await sessionFor(
    ctx.app,
    await makeUser(db, [{ organisationId: await makeOrganisation(db), role: 'platform_admin' }]),
  );
  secret.id = await makeOrganisation(db, {
    key: secret.key,
    legalName: secret.name,
    type: 'private_company',
  });
  verifiedName = `Yayasan Terverifikasi ${randomUUID()}`;
  verifiedId = await makeOrganisation(db, { legalName: verifiedName });
  await setVerificationStatus(db, verifiedId, 'verified');
  // Owned by the unverified organisation; and one owned by the verified one with it as partner.
  for (const [owner, partners] of [
    [secret.id, [{ organisationId: verifiedId, role: 'funder' }]],
    [verifiedId, [{ organisationId: secret.id, role: 'funder' }]],
  ] as const) {
    const response = await admin.post('/api/programs', {
      ownerOrgId: owner,
      title: `Program Uji ${randomUUID()}`,
      issues: ['tengkes'],
      villages: [{ code: VILLAGE }],
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      modality: 'training',
      budgetPlanned: 900_000_000,
      status: 'active',
      partners,
    });
    expect(response.statusCode, response.body).toBe(201);
    programIds.push(response.json().id);
  }
  const partnership = await admin.post('/api/partnerships', {
    title: `Kemitraan Uji ${randomUUID()}`,
    agreementType: 'mou',
    status: 'active',
    startsOn: '2026-01-01',
    parties: [
      { organisationId: secret.id, role: 'lead' },
      { organisationId: verifiedId, role: 'funder' },
    ],
    programIds,
  });
  expect(partnership.statusCode, partnership.body).toBe(201);
  partnershipId = partnership.json().id;
});
afterAll(async () => {
  await ctx?.close();
});

/** The URLs to call for one public route: its parameters filled with the records above. */
function urlsFor(route: string): string[] {
  const path = route.replace(/^GET /, '');
  const filters = [
    '',
    `?organisationId=${secret.id}`,
    `?area=${VILLAGE.slice(0, 5)}`,
    `?area=${VILLAGE}`,
    '?issue=tengkes',
    '?year=2026',
  ];
  const withParams = (): string[] => {
    if (!path.includes(':')) return [path];
    if (path.startsWith('/api/programs/:id')) return programIds.map((id) => path.replace(':id', id));
    if (path.startsWith('/api/partnerships/:id')) return [path.replace(':id', partnershipId)];
    if (path.startsWith('/api/organisations/:id'))
      return [secret.id, verifiedId].map((id) => path.replace(':id', id));
    if (path.includes(':code'))
      return [VILLAGE, VILLAGE.slice(0, 8), VILLAGE.slice(0, 5), '52'].map((c) => path.replace(':code', c));
    throw new Error(`no parameters known for ${route}: add them to this test`);
  };
  return withParams().flatMap((url) => {
    if (url === '/api/programs/export') return ['?format=csv', '?format=xlsx'].map((q) => url + q);
    if (url === '/api/who-what-where/map')
      return ['regency', 'district', 'village'].map((level) => `${url}?level=${level}`);
    return filters.map((q) => url + q);
  });
}

/** Everything an answer says, as text: JSON and CSV as they are, an XLSX file's cell values. */
async function textOf(response: { headers: Record<string, unknown>; rawPayload: Buffer; body: string }) {
  if (!String(response.headers['content-type']).includes('spreadsheetml')) return response.body;
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  const cells: string[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value ?? '')))),
  );
  return cells.join('\n');
}

describe('unverified organisations seen by visitors', () => {
  it('no public route or export names, keys or links an unverified organisation', async () => {
    const publicGets = Object.entries(ACCESS_MATRIX)
      .filter(([route, row]) => route.startsWith('GET ') && row.anonymous === 'allow')
      .map(([route]) => route);
    expect(publicGets.length).toBeGreaterThan(10);
    let answered = 0;
    const seen: string[] = [];
    for (const route of publicGets) {
      for (const url of urlsFor(route)) {
        const response = await ctx.app.inject({ method: 'GET', url });
        // A filter a route does not take is a 400 and says nothing; everything else is searched.
        if (response.statusCode === 200) answered += 1;
        const text = await textOf(response);
        for (const leak of [secret.name, secret.key, secret.id]) {
          // The id is the caller's own filter value on a few routes; those echo nothing else.
          if (leak === secret.id && url.includes(secret.id)) continue;
          expect(
            text.includes(leak),
            `${url} reveals ${leak === secret.id ? 'the id' : 'the name/key'}`,
          ).toBe(false);
        }
        seen.push(text);
      }
    }
    expect(answered).toBeGreaterThan(30);
    // The programs and partnership are shown, with the verified organisation named and the
    // unverified one as "an unverified partner" (in files: the Indonesian label).
    const all = seen.join('\n');
    expect(all).toContain(verifiedName);
    expect(all).toContain(UNVERIFIED_PARTNER_LABEL);
    const list = await ctx.app.inject({ method: 'GET', url: `/api/programs?organisationId=${secret.id}` });
    expect(list.json().items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ owner: { id: null, name: null, type: 'private_company' } }),
      ]),
    );
    const detail = await ctx.app.inject({ method: 'GET', url: `/api/partnerships/${partnershipId}` });
    expect(detail.json().parties).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: null, name: null })]),
    );
  });

  it('signed-in readers see the name, and the visitors’ cached answers are not theirs', async () => {
    const viewer = await sessionFor(
      ctx.app,
      await makeUser(ctx.database.db, [{ organisationId: verifiedId, role: 'viewer' }]),
    );
    for (const url of ['/api/programs', '/api/who-what-where/dashboard', `/api/programs/${programIds[1]}`]) {
      const anonymous = await ctx.app.inject({ method: 'GET', url });
      expect(anonymous.body, url).not.toContain(secret.name);
      expect((await viewer.get(url)).body, url).toContain(secret.name);
      expect((await ctx.app.inject({ method: 'GET', url })).body, url).not.toContain(secret.name);
    }
  });

  it('names the organisation to visitors once it is verified', async () => {
    await setVerificationStatus(ctx.database.db, secret.id, 'verified');
    // A direct status change in the database does not bump the facts version: read uncached routes.
    const detail = await ctx.app.inject({ method: 'GET', url: `/api/programs/${programIds[0]}` });
    expect(detail.json().owner).toEqual({ id: secret.id, name: secret.name, type: 'private_company' });
    await setVerificationStatus(ctx.database.db, secret.id, 'unverified');
  });
});
