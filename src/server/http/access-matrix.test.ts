/**
 * Calls every registered API route as every caller of the declared access matrix and
 * compares the outcome class (allow / 401 / 403) with the declaration. Each request is
 * one the caller could sensibly make (their own organisation, a member of it, a valid
 * body), so `allow` means the route really served them.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeOrganisation,
  makeUser,
  multipartBody,
  registeredRoutes,
  setVerificationStatus,
  TEST_PASSWORD,
} from '../../../tests/support/factories.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestContext } from '../../../tests/support/test-db.ts';
import { createPartnershipBody } from '../../shared/contracts/partnerships.ts';
import { createProgramBody } from '../../shared/contracts/programs.ts';
import type { Role } from '../../shared/roles.ts';
import type { DB } from '../db/types.ts';
import { createSession, SESSION_COOKIE } from '../modules/accounts/sessions.ts';
import { SYSTEM_CONTEXT } from '../modules/audit/record-audit.ts';
import { createPartnership } from '../modules/partnerships/service.ts';
import { createProgram } from '../modules/programs/service.ts';
import { ACCESS_MATRIX, CALLERS, type Caller, type Outcome } from './access-matrix.ts';

let ctx: TestContext;
let db: Kysely<DB>;

/** What one caller acts on: their own organisation and a member of it they may administer. */
interface CallerFixture {
  caller: Caller;
  userId: string | null;
  orgId: string;
  subjectId: string;
  /** The subject's viewer membership, for DELETE /api/memberships/:id (they keep an editor one). */
  subjectMembershipId: string;
  /** Its own address, so the per-address sign-in limit never mixes callers. */
  remoteAddress: string;
}

interface RequestSpec {
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
  /** Send a second session of the caller, e.g. for logout, which would end the main one. */
  spareSession?: boolean;
}

const fixtures = new Map<Caller, CallerFixture>();
const sessions = new Map<Caller, string>();
let csrf: { cookie: string; token: string };
let shared: { verifiedOrgId: string; issueCode: string; loginEmail: string; programId: string };
let counter = 0;
function unique(): string {
  counter += 1;
  return `${Date.now().toString(36)}${counter}`;
}

beforeAll(async () => {
  ctx = await createTestApp();
  db = ctx.database.db;
  const page = await ctx.app.inject({ method: 'GET', url: '/api/auth/session' });
  const cookie = String(page.headers['set-cookie']).split(';')[0] as string;
  csrf = { cookie, token: page.json().csrfToken };

  const verifiedOrgId = await makeOrganisation(db);
  await setVerificationStatus(db, verifiedOrgId, 'verified');
  const issueCode = `matriks_${unique()}`;
  await db
    .insertInto('issues')
    .values({ code: issueCode, name_id: 'Isu matriks', name_en: 'Matrix issue', sort_order: 100 })
    .execute();
  const loginUser = await makeUser(db, []);
  const programId = await programOf(verifiedOrgId, 'planned');
  shared = { verifiedOrgId, issueCode, loginEmail: loginUser.email, programId };

  for (const [index, caller] of CALLERS.entries()) {
    const orgId = await makeOrganisation(db);
    const role = caller === 'anonymous' || caller === 'service' ? null : (caller as Role);
    const user = role ? await makeUser(db, [{ organisationId: orgId, role }]) : null;
    const subject = await makeUser(db, [
      { organisationId: orgId, role: 'viewer' },
      { organisationId: orgId, role: 'org_editor' },
    ]);
    const membership = await db
      .selectFrom('memberships')
      .select('id')
      .where('user_id', '=', subject.id)
      .where('role', '=', 'viewer')
      .executeTakeFirstOrThrow();
    fixtures.set(caller, {
      caller,
      userId: user?.id ?? null,
      orgId,
      subjectId: subject.id,
      subjectMembershipId: membership.id,
      remoteAddress: `10.30.0.${index + 1}`,
    });
    if (user) sessions.set(caller, await newSession(user.id));
  }
});
afterAll(async () => {
  await ctx?.close();
});

async function newSession(userId: string): Promise<string> {
  return (await createSession(db, userId, 1, { ip: null, userAgent: 'vitest' })).token;
}

async function versionOf(id: string): Promise<number> {
  const row = await db
    .selectFrom('organisations')
    .select('version')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.version;
}

/** A program body owned by `ownerOrgId`, in Pijot (Lombok Timur), so every unscoped editor may write it. */
function programBody(ownerOrgId: string, status: 'draft' | 'planned') {
  return {
    ownerOrgId,
    title: `Program Matriks ${unique()}`,
    issues: ['tengkes'],
    villages: [{ code: '52.03.01.2002' }],
    periodStart: '2025-01-01',
    periodEnd: '2025-12-31',
    budgetPlanned: 1_000_000,
    modality: 'cash',
    status,
  };
}

/** A new program of the caller's organisation (version 1), written as the platform. */
async function programOf(ownerOrgId: string, status: 'draft' | 'planned'): Promise<string> {
  return createProgram(
    db,
    { kind: 'service' },
    createProgramBody.parse(programBody(ownerOrgId, status)),
    SYSTEM_CONTEXT,
  );
}

/** A new signed agreement with the caller's organisation as an invited party (version 1). */
async function invitationOf(orgId: string): Promise<string> {
  const id = await createPartnership(
    db,
    { kind: 'service' },
    createPartnershipBody.parse({
      title: `Kemitraan Matriks ${unique()}`,
      agreementType: 'mou',
      status: 'signed',
      parties: [
        { organisationId: shared.verifiedOrgId, role: 'lead' },
        { organisationId: orgId, role: 'funder' },
      ],
    }),
    SYSTEM_CONTEXT,
  );
  await db
    .updateTable('partnership_parties')
    .set({ confirmation: 'invited' })
    .where('partnership_id', '=', id)
    .where('organisation_id', '=', orgId)
    .execute();
  return id;
}

/** How to call each route as a given caller; routes without a recipe get a generic one. */
const RECIPES: Record<string, (f: CallerFixture) => RequestSpec | Promise<RequestSpec>> = {
  'GET /api/health': () => ({ url: '/api/health' }),
  'GET /api/areas': () => ({ url: '/api/areas?within=52.03&limit=5' }),
  'GET /api/areas/search': () => ({ url: '/api/areas/search?q=pijot' }),
  'POST /api/areas/validate': () => ({ url: '/api/areas/validate', payload: { codes: ['52.03'] } }),
  'GET /api/areas/:code': () => ({ url: '/api/areas/52.03' }),
  'GET /api/areas/:code/children': () => ({ url: '/api/areas/52.03/children?limit=5' }),
  'GET /api/boundaries': () => ({ url: '/api/boundaries?level=regency' }),
  'GET /api/boundaries/status': () => ({ url: '/api/boundaries/status' }),
  'POST /api/boundaries': () => ({
    url: '/api/boundaries',
    payload: { type: 'FeatureCollection', features: [] },
  }),

  'GET /api/auth/session': () => ({ url: '/api/auth/session' }),
  'POST /api/auth/login': () => ({
    url: '/api/auth/login',
    payload: { email: shared.loginEmail, password: TEST_PASSWORD },
  }),
  'POST /api/auth/logout': () => ({ url: '/api/auth/logout', spareSession: true }),
  'POST /api/auth/password': () => ({
    url: '/api/auth/password',
    payload: { currentPassword: TEST_PASSWORD, newPassword: 'another long password' },
  }),

  'GET /api/users': () => ({ url: '/api/users' }),
  'POST /api/users': () => ({
    url: '/api/users',
    payload: {
      email: `matrix-${unique()}@example.org`,
      name: 'Pengguna Matriks',
      password: 'temporary password',
    },
  }),
  'GET /api/users/:id': (f) => ({ url: `/api/users/${f.subjectId}` }),
  'PATCH /api/users/:id': (f) => ({ url: `/api/users/${f.subjectId}`, payload: { name: 'Nama Diubah' } }),
  'POST /api/users/:id/password': (f) => ({
    url: `/api/users/${f.subjectId}/password`,
    payload: { newPassword: 'temporary password 2' },
  }),
  'POST /api/users/:id/memberships': (f) => ({
    url: `/api/users/${f.subjectId}/memberships`,
    payload: { organisationId: f.orgId, role: 'field_facilitator' },
  }),
  'DELETE /api/memberships/:id': (f) => ({ url: `/api/memberships/${f.subjectMembershipId}` }),

  'GET /api/organisations': () => ({ url: '/api/organisations?limit=5' }),
  'GET /api/organisations/similar': () => ({ url: '/api/organisations/similar?name=Organisasi%20Uji' }),
  'GET /api/organisations/:id': () => ({ url: `/api/organisations/${shared.verifiedOrgId}` }),
  'POST /api/organisations': () => ({
    url: '/api/organisations',
    payload: {
      legalName: `Lembaga Matriks ${unique()}`,
      type: 'ngo',
      areaCode: '52.03',
      confirmDuplicate: true,
    },
  }),
  'PATCH /api/organisations/:id': async (f) => ({
    url: `/api/organisations/${f.orgId}`,
    payload: { version: await versionOf(f.orgId), description: 'Diubah oleh uji matriks' },
  }),
  'POST /api/organisations/:id/verification': async (f) => ({
    url: `/api/organisations/${f.orgId}/verification`,
    payload: { status: 'verified', version: await versionOf(f.orgId) },
  }),
  'GET /api/organisations/export': () => ({ url: '/api/organisations/export?format=csv' }),
  'GET /api/organisations/import/template': () => ({ url: '/api/organisations/import/template?format=csv' }),
  'POST /api/organisations/import': () => ({
    url: '/api/organisations/import?dryRun=true',
    ...multipartBody({
      filename: 'mitra.csv',
      contentType: 'text/csv',
      content: `kode,nama_resmi,jenis,kode_wilayah\nmatriks-${unique()},Lembaga Impor Matriks,ngo,52.03\n`,
    }),
  }),

  'GET /api/issues': () => ({ url: '/api/issues' }),
  'POST /api/issues': () => ({
    url: '/api/issues',
    payload: { code: `isu_${unique()}`, nameId: 'Isu baru', nameEn: 'New issue' },
  }),
  'PATCH /api/issues/:code': () => ({ url: `/api/issues/${shared.issueCode}`, payload: { sortOrder: 7 } }),

  'GET /api/programs': () => ({ url: '/api/programs?limit=5' }),
  'GET /api/programs/export': () => ({ url: '/api/programs/export?format=csv&area=52.03' }),
  'GET /api/programs/:id': () => ({ url: `/api/programs/${shared.programId}` }),
  'POST /api/programs': (f) => ({ url: '/api/programs', payload: programBody(f.orgId, 'planned') }),
  'PUT /api/programs/:id': async (f) => {
    const { status: _status, ...fields } = programBody(f.orgId, 'planned');
    return {
      url: `/api/programs/${await programOf(f.orgId, 'planned')}`,
      payload: { ...fields, title: 'Program Matriks diubah', version: 1 },
    };
  },
  'POST /api/programs/:id/status': async (f) => ({
    url: `/api/programs/${await programOf(f.orgId, 'planned')}/status`,
    payload: { status: 'active', version: 1 },
  }),
  'DELETE /api/programs/:id': async (f) => ({
    url: `/api/programs/${await programOf(f.orgId, 'draft')}?version=1`,
  }),
  'POST /api/partnerships/:id/parties/:organisationId/confirm': async (f) => ({
    url: `/api/partnerships/${await invitationOf(f.orgId)}/parties/${f.orgId}/confirm`,
    payload: { version: 1 },
  }),
  'POST /api/partnerships/:id/parties/:organisationId/decline': async (f) => ({
    url: `/api/partnerships/${await invitationOf(f.orgId)}/parties/${f.orgId}/decline`,
    payload: { version: 1 },
  }),
  'GET /api/who-what-where/map': () => ({ url: '/api/who-what-where/map?level=district&area=52.03' }),
  'GET /api/who-what-where/dashboard': () => ({ url: '/api/who-what-where/dashboard?area=52.03' }),
  'GET /api/who-what-where/areas/:code': () => ({ url: '/api/who-what-where/areas/52.03.01.2002' }),

  'GET /api/audit': () => ({ url: '/api/audit?limit=5' }),
  'GET /api/audit/verify': () => ({ url: '/api/audit/verify' }),
};

/** A new route without a recipe is still called: parameters from the caller's fixture, an empty body. */
function genericRecipe(route: string): (f: CallerFixture) => RequestSpec {
  const [method, path] = route.split(' ') as [string, string];
  return (f) => ({
    url: path.replace(/:(\w+)/g, (_, name: string) => (name === 'code' ? '52.03' : f.orgId)),
    ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }),
  });
}

async function call(route: string, caller: Caller) {
  const [method] = route.split(' ') as [string];
  const fixture = fixtures.get(caller) as CallerFixture;
  const spec = await (RECIPES[route] ?? genericRecipe(route))(fixture);
  const headers: Record<string, string> = { ...(spec.headers ?? {}) };
  if (caller === 'service') {
    headers.authorization = `Bearer ${TEST_ADMIN_TOKEN}`;
  } else {
    let session = sessions.get(caller);
    if (session && spec.spareSession) session = await newSession(fixture.userId as string);
    headers.cookie = [csrf.cookie, ...(session ? [`${SESSION_COOKIE}=${session}`] : [])].join('; ');
    headers['x-csrf-token'] = csrf.token;
  }
  return ctx.app.inject({
    method: method as 'GET',
    url: spec.url,
    headers,
    remoteAddress: fixture.remoteAddress,
    ...(spec.payload === undefined ? {} : { payload: spec.payload as string }),
  });
}

function outcomeOf(status: number): Outcome {
  if (status === 401) return '401';
  if (status === 403) return '403';
  return 'allow';
}

/** Routes under /api as the matrix names them; HEAD twins of GET routes share the GET's row. */
function apiRoutes(): string[] {
  const all = registeredRoutes(ctx.app);
  return all.filter((route) => {
    const [method, path] = route.split(' ') as [string, string];
    if (!path.startsWith('/api/') || path.startsWith('/api/docs')) return false;
    return !(method === 'HEAD' && all.includes(`GET ${path}`));
  });
}

describe('the access matrix', () => {
  it('declares a row for every registered route, and no row for a route that does not exist', () => {
    const routes = apiRoutes();
    // The route list is read from the app, so guard against it coming back empty.
    expect(routes).toEqual(expect.arrayContaining(['GET /api/health', 'DELETE /api/memberships/:id']));
    const declared = Object.keys(ACCESS_MATRIX);
    expect(
      routes.filter((r) => !declared.includes(r)),
      'routes without a declared access row',
    ).toEqual([]);
    expect(
      declared.filter((r) => !routes.includes(r)),
      'declared rows for routes that do not exist',
    ).toEqual([]);
  });

  it('matches every route × caller', async () => {
    const header = ['route', ...CALLERS.map((c) => c.replace('field_facilitator', 'field_fac'))];
    const lines: string[][] = [];
    const mismatches: string[] = [];
    for (const route of apiRoutes().sort()) {
      const expected = ACCESS_MATRIX[route];
      const cells: string[] = [route];
      for (const caller of CALLERS) {
        const response = await call(route, caller);
        const actual = outcomeOf(response.statusCode);
        const want = expected?.[caller] ?? '(none)';
        // A 5xx is never an acceptable "allow".
        const ok = actual === want && response.statusCode < 500;
        cells.push(ok ? actual : `✗${response.statusCode}≠${want}`);
        if (!ok) {
          const code = response.statusCode >= 400 ? (response.json().error?.code ?? '') : '';
          mismatches.push(`${route} as ${caller}: ${response.statusCode} ${code}, declared ${want}`);
        }
      }
      lines.push(cells);
    }
    const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
    const table = [header, ...lines]
      .map((l) => l.map((c, i) => c.padEnd(widths[i] as number)).join(' │ '))
      .join('\n');
    expect(mismatches, `\n${table}\n`).toEqual([]);
  });

  it('answers HEAD like GET for an anonymous caller', async () => {
    for (const route of apiRoutes().filter((r) => r.startsWith('GET '))) {
      const spec = await (RECIPES[route] ?? genericRecipe(route))(fixtures.get('anonymous') as CallerFixture);
      const head = await ctx.app.inject({ method: 'HEAD', url: spec.url });
      expect(outcomeOf(head.statusCode), route).toBe(ACCESS_MATRIX[route]?.anonymous);
    }
  });

  it('has a caller fixture that really holds one role each, without area scope', async () => {
    for (const caller of CALLERS) {
      const fixture = fixtures.get(caller) as CallerFixture;
      if (!fixture.userId) continue;
      const memberships = await db
        .selectFrom('memberships')
        .select(['role', 'area_scope', 'organisation_id'])
        .where('user_id', '=', fixture.userId)
        .execute();
      expect(memberships, caller).toEqual([
        { role: caller, area_scope: null, organisation_id: fixture.orgId },
      ]);
    }
  });
});

describe('routes that mutate without a CSRF token', () => {
  it('are refused for a signed-in caller (403 CSRF_INVALID), except read-only POSTs', async () => {
    const session = sessions.get('platform_admin') as string;
    const writes = apiRoutes().filter((r) => !/^(GET|HEAD|OPTIONS) /.test(r));
    // Every state-changing method the API uses is among those checked (docs/access.md names them).
    expect(new Set(writes.map((r) => r.split(' ')[0]))).toEqual(new Set(['POST', 'PUT', 'PATCH', 'DELETE']));
    for (const route of writes) {
      const spec = await (RECIPES[route] ?? genericRecipe(route))(
        fixtures.get('platform_admin') as CallerFixture,
      );
      const [method] = route.split(' ') as [string];
      const response = await ctx.app.inject({
        method: method as 'POST',
        url: spec.url,
        headers: { ...(spec.headers ?? {}), cookie: `${csrf.cookie}; ${SESSION_COOKIE}=${session}` },
        remoteAddress: '10.31.0.1',
        ...(spec.payload === undefined ? {} : { payload: spec.payload as string }),
      });
      const expected = route === 'POST /api/areas/validate' ? 200 : 403;
      expect(response.statusCode, route).toBe(expected);
      if (expected === 403) expect(response.json().error.code, route).toBe('CSRF_INVALID');
    }
  });
});
