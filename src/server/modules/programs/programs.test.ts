/**
 * The programs API and the who-does-what-where views, through HTTP on a real database.
 * Each test makes its own organisations and programs; list tests narrow to their own
 * rows with a marker in the title, map and dashboard tests with an issue of their own.
 */
import { randomUUID } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anonymousGet as anonymousGetOf,
  auditTrail,
  createdThrough,
  listedIds,
  type MemberOptions,
  signedInMember,
} from '../../../../tests/support/api.ts';
import {
  apiError,
  type Client,
  makeOrganisation,
  makeUser,
  sessionFor,
  setVerificationStatus,
} from '../../../../tests/support/factories.ts';
import { createTestApp, type TestContext } from '../../../../tests/support/test-db.ts';
import type { Program } from '../../../shared/contracts/programs.ts';
import { todayInNtb } from '../../../shared/format.ts';
import type { Role } from '../../../shared/roles.ts';
import type { DB } from '../../db/types.ts';

let ctx: TestContext;
let db: Kysely<DB>;
let admin: Client;
let provinceCoordinator: Client;
/** Coordinator of Kabupaten Lombok Timur (52.03) only. */
let lotimCoordinator: Client;

const clientWith = (role: Role, options: MemberOptions = {}) => signedInMember(ctx.app, role, options);

beforeAll(async () => {
  ctx = await createTestApp();
  db = ctx.database.db;
  admin = (await clientWith('platform_admin')).client;
  provinceCoordinator = (await clientWith('coordinator')).client;
  lotimCoordinator = (await clientWith('coordinator', { areaScope: '52.03' })).client;
});
afterAll(async () => {
  await ctx?.close();
});

const anonymousGet = (url: string) => anonymousGetOf(ctx.app, url);
const put = (client: Client, url: string, payload: unknown) => client.put(url, payload);
/** A word only this test's titles contain. */
const newMarker = () => `uji${randomUUID().slice(0, 8)}`;

/** A valid create body: a planned cash program in Pijot (Keruak, Lombok Timur) in 2025. */
function programBody(ownerOrgId: string, overrides: Record<string, unknown> = {}) {
  return {
    ownerOrgId,
    title: `Program ${newMarker()}`,
    issues: ['tengkes'],
    villages: [{ code: '52.03.01.2002' }],
    periodStart: '2025-01-01',
    periodEnd: '2025-12-31',
    budgetPlanned: 100_000_000,
    modality: 'cash',
    status: 'planned',
    ...overrides,
  };
}

/** The editable fields of a program as returned by the API, as a PUT body. */
function replacementOf(p: Program, overrides: Record<string, unknown> = {}) {
  return {
    key: p.key,
    ownerOrgId: p.owner.id,
    title: p.title,
    description: p.description,
    issues: p.issues,
    villages: p.villages.map((v) => ({
      code: v.code,
      targetHouseholds: v.targetHouseholds,
      targetPersons: v.targetPersons,
    })),
    partners: p.partners.map((x) => ({
      organisationId: x.organisation.id,
      role: x.role,
      contributionMoney: x.contributionMoney,
      contributionInKind: x.contributionInKind,
    })),
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    budgetPlanned: p.budgetPlanned,
    budgetRealised: p.budgetRealised,
    modality: p.modality,
    targetHouseholds: p.targetHouseholds,
    targetPersons: p.targetPersons,
    reachedHouseholds: p.reachedHouseholds,
    reachedPersons: p.reachedPersons,
    documents: p.documents,
    version: p.version,
    ...overrides,
  };
}

const create = (client: Client, body: Record<string, unknown>) =>
  createdThrough(client, '/api/programs', body);

/** Creates a program and moves it on to `status` through the status route. */
async function createWithStatus(
  client: Client,
  body: Record<string, unknown>,
  status: 'completed' | 'cancelled',
) {
  let program = await create(client, { ...body, status: 'active' });
  const response = await client.post(`/api/programs/${program.id}/status`, {
    status,
    version: program.version,
  });
  expect(response.statusCode, response.body).toBe(200);
  program = response.json();
  return program;
}

const listIds = (client: Client | null, query: string) => listedIds(ctx.app, client, '/api/programs', query);

async function programRow(id: string) {
  return db.selectFrom('programs').selectAll().where('id', '=', id).executeTakeFirst();
}

const auditEntries = (id: string) =>
  auditTrail(db, 'program', id, ['action', 'entity_type', 'before', 'after']);

/** Rows in every table a program write touches, to prove a refused write left nothing. */
async function rowCounts() {
  const count = async (table: keyof DB) =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const version = await db.selectFrom('program_facts_version').select('version').executeTakeFirstOrThrow();
  return {
    programs: await count('programs'),
    villages: await count('program_villages'),
    issues: await count('program_issues'),
    partners: await count('program_partners'),
    facts: await count('program_area_facts'),
    audit: await count('audit_log'),
    factsVersion: Number(version.version),
  };
}

async function freshIssue(): Promise<string> {
  const code = `uji_${randomUUID().slice(0, 8)}`;
  await db
    .insertInto('issues')
    .values({ code, name_id: 'Isu uji', name_en: 'Test issue', sort_order: 900 })
    .execute();
  return code;
}

// ---- GET /api/programs ----------------------------------------------------------------

describe('GET /api/programs', () => {
  it('refuses each invalid parameter with its path (400)', async () => {
    const cases: Array<[string, string, string]> = [
      ['limit=0', 'VALIDATION_FAILED', 'querystring.limit'],
      ['limit=201', 'VALIDATION_FAILED', 'querystring.limit'],
      ['offset=-1', 'VALIDATION_FAILED', 'querystring.offset'],
      ['area=52.3', 'AREA_CODE_MALFORMED', 'querystring.area'],
      ['issue=Tengkes!', 'VALIDATION_FAILED', 'querystring.issue.0'],
      ['orgType=club', 'VALIDATION_FAILED', 'querystring.orgType.0'],
      ['modality=gift', 'VALIDATION_FAILED', 'querystring.modality.0'],
      ['status=done', 'VALIDATION_FAILED', 'querystring.status.0'],
      ['year=2014', 'VALIDATION_FAILED', 'querystring.year'],
      ['year=2036', 'VALIDATION_FAILED', 'querystring.year'],
      ['year=2025.5', 'VALIDATION_FAILED', 'querystring.year'],
      ['sort=random', 'VALIDATION_FAILED', 'querystring.sort'],
      ['organisationId=abc', 'VALIDATION_FAILED', 'querystring.organisationId'],
      [`q=${'x'.repeat(101)}`, 'VALIDATION_FAILED', 'querystring.q'],
      ['owner=me', 'VALIDATION_FAILED', 'querystring'],
    ];
    for (const [query, code, path] of cases) {
      expect(apiError(await anonymousGet(`/api/programs?${query}`)), query).toEqual({
        status: 400,
        code,
        paths: [path],
      });
    }
    // Text PostgreSQL cannot store is a 400 too, not a 500.
    expect((await anonymousGet('/api/programs?q=ab%00c')).statusCode).toBe(400);
  });

  it('filters by area at every level, issue, owner type, modality, status, year, text and owner or partner', async () => {
    const marker = newMarker();
    const ngo = await makeOrganisation(db, { type: 'ngo' });
    const company = await makeOrganisation(db, { type: 'private_company' });
    const university = await makeOrganisation(db, { type: 'university' });
    // Read as a visitor, who sees verified organisations' names only (docs/access.md).
    await setVerificationStatus(db, company, 'verified');
    const pijot = await create(
      admin,
      programBody(ngo, { title: `Gizi ${marker} Pijot`, issues: ['tengkes'], modality: 'cash' }),
    );
    const twoRegencies = await create(
      admin,
      programBody(company, {
        title: `Pelatihan ${marker} Kediri Sakra`,
        issues: ['lansia'],
        villages: [{ code: '52.01.02.2001' }, { code: '52.03.02.2001' }],
        partners: [{ organisationId: ngo, role: 'implementer' }],
        modality: 'training',
        status: 'active',
        periodStart: '2026-03-01',
        periodEnd: '2027-02-28',
      }),
    );
    const mataram = await createWithStatus(
      admin,
      programBody(university, {
        title: `Sekolah ${marker} Ampenan`,
        issues: ['pendidikan', 'tengkes'],
        villages: [{ code: '52.71.01.1004' }],
        modality: 'infrastructure',
        periodStart: '2024-01-01',
        periodEnd: '2024-12-31',
      }),
      'completed',
    );
    const found = async (query: string) => (await listIds(null, `q=${marker}&${query}`)).sort();
    const ids = (...programs: Array<{ id: string }>) => programs.map((p) => p.id).sort();

    expect(await found('')).toEqual(ids(pijot, twoRegencies, mataram));
    expect(await found('area=52.03')).toEqual(ids(pijot, twoRegencies));
    expect(await found('area=52.03.01')).toEqual(ids(pijot));
    expect(await found('area=52.03.01.2002')).toEqual(ids(pijot));
    expect(await found('area=52.01')).toEqual(ids(twoRegencies));
    expect(await found('area=52.04')).toEqual([]);
    expect(await found('issue=tengkes')).toEqual(ids(pijot, mataram));
    expect(await found('issue=lansia,pendidikan')).toEqual(ids(twoRegencies, mataram));
    expect(await found('orgType=private_company')).toEqual(ids(twoRegencies));
    expect(await found('orgType=ngo,university')).toEqual(ids(pijot, mataram));
    expect(await found('modality=cash,infrastructure')).toEqual(ids(pijot, mataram));
    expect(await found('status=active')).toEqual(ids(twoRegencies));
    expect(await found('status=completed,planned')).toEqual(ids(pijot, mataram));
    expect(await found('year=2027')).toEqual(ids(twoRegencies));
    expect(await found('year=2024')).toEqual(ids(mataram));
    expect(await found('year=2026&area=52.01')).toEqual(ids(twoRegencies));
    expect(await found('year=2025&area=52.01')).toEqual([]);
    // The owner, or a partner.
    expect(await found(`organisationId=${ngo}`)).toEqual(ids(pijot, twoRegencies));
    expect(await found(`organisationId=${company}`)).toEqual(ids(twoRegencies));
    expect(await found(`organisationId=${randomUUID()}`)).toEqual([]);
    // Text matches words in the title, case-insensitively; LIKE wildcards are literal.
    expect((await listIds(null, `q=${marker.toUpperCase()}%20PIJOT`)).sort()).toEqual(ids(pijot));
    expect(await listIds(null, `q=${marker}%25`)).toEqual([]);

    const { items } = (await anonymousGet(`/api/programs?q=${marker}&area=52.01`)).json();
    expect(items).toEqual([
      expect.objectContaining({
        id: twoRegencies.id,
        owner: { id: company, name: expect.any(String), type: 'private_company' },
        status: 'active',
        modality: 'training',
        productive: true,
        issues: ['lansia'],
        villageCount: 2,
        partnerCount: 1,
        regencies: [
          { code: '52.01', name: 'Kabupaten Lombok Barat' },
          { code: '52.03', name: 'Kabupaten Lombok Timur' },
        ],
      }),
    ]);
  });

  it('sorts by period, title, budget or last change and pages with a total that ignores paging', async () => {
    const marker = newMarker();
    const owner = await makeOrganisation(db);
    const specs: Array<[string, string, number]> = [
      ['Beta', '2025-01-01', 300],
      ['Alfa', '2027-01-01', 100],
      ['Gamma', '2026-01-01', 200],
    ];
    const made: Record<string, string> = {};
    for (const [name, start, budget] of specs) {
      const p = await create(
        admin,
        programBody(owner, {
          title: `${name} ${marker}`,
          periodStart: start,
          periodEnd: start.replace('-01-01', '-12-31'),
          budgetPlanned: budget,
        }),
      );
      made[name] = p.id;
    }
    const order = async (sort: string) =>
      (await listIds(null, `q=${marker}&sort=${sort}`)).map(
        (id) => Object.entries(made).find(([, v]) => v === id)?.[0],
      );
    expect(await order('period')).toEqual(['Alfa', 'Gamma', 'Beta']);
    expect(await order('title')).toEqual(['Alfa', 'Beta', 'Gamma']);
    expect(await order('budget')).toEqual(['Beta', 'Gamma', 'Alfa']);
    // Touch Beta: it becomes the most recently changed.
    const beta = (await admin.get(`/api/programs/${made.Beta}`)).json();
    expect(
      (await put(admin, `/api/programs/${beta.id}`, replacementOf(beta, { description: 'diubah' })))
        .statusCode,
    ).toBe(200);
    expect((await order('updated'))[0]).toBe('Beta');

    const first = (await anonymousGet(`/api/programs?q=${marker}&sort=title&limit=2`)).json();
    const second = (await anonymousGet(`/api/programs?q=${marker}&sort=title&limit=2&offset=2`)).json();
    expect(first.page).toEqual({ limit: 2, offset: 0, total: 3 });
    expect(first.items.map((p: { id: string }) => p.id)).toEqual([made.Alfa, made.Beta]);
    expect(second.page).toEqual({ limit: 2, offset: 2, total: 3 });
    expect(second.items.map((p: { id: string }) => p.id)).toEqual([made.Gamma]);
  });

  it('shows a draft to the owner’s members, partner members and coordinators only', async () => {
    const marker = newMarker();
    const ownerEditor = await clientWith('org_editor');
    const ownerViewer = (await clientWith('viewer', { orgId: ownerEditor.orgId })).client;
    const partner = await clientWith('viewer');
    const stranger = (await clientWith('org_editor')).client;
    const lombokBaratCoordinator = (await clientWith('coordinator', { areaScope: '52.01' })).client;
    const draft = await create(
      ownerEditor.client,
      programBody(ownerEditor.orgId, {
        title: `Draf ${marker}`,
        status: 'draft',
        partners: [{ organisationId: partner.orgId, role: 'funder' }],
      }),
    );
    expect(draft).toMatchObject({ status: 'draft', canEdit: true });

    const seers: Array<[string, Client]> = [
      ['owner editor', ownerEditor.client],
      ['owner viewer', ownerViewer],
      ['partner member', partner.client],
      ['province coordinator', provinceCoordinator],
      ['Lombok Timur coordinator', lotimCoordinator],
      ['platform admin', admin],
    ];
    for (const [who, client] of seers) {
      expect(await listIds(client, `q=${marker}`), who).toEqual([draft.id]);
      expect((await client.get(`/api/programs/${draft.id}`)).statusCode, who).toBe(200);
    }
    expect(await listIds(null, `q=${marker}`)).toEqual([]);
    expect(apiError(await anonymousGet(`/api/programs/${draft.id}`))).toMatchObject({
      status: 404,
      code: 'PROGRAM_NOT_FOUND',
    });
    for (const [who, client] of [
      ['another organisation', stranger],
      ['a coordinator of another kabupaten', lombokBaratCoordinator],
    ] as const) {
      expect(await listIds(client, `q=${marker}`), who).toEqual([]);
      expect((await client.get(`/api/programs/${draft.id}`)).statusCode, who).toBe(404);
    }
    // Once planned, everyone sees it.
    const planned = await ownerEditor.client.post(`/api/programs/${draft.id}/status`, {
      status: 'planned',
      version: draft.version,
    });
    expect(planned.statusCode).toBe(200);
    expect(await listIds(null, `q=${marker}`)).toEqual([draft.id]);
    expect(await listIds(stranger, `q=${marker}`)).toEqual([draft.id]);
  });
});

describe('drafts for someone who coordinates one kabupaten and belongs to an organisation', () => {
  it('sees other organisations’ drafts in that kabupaten only, and their own organisation’s drafts anywhere', async () => {
    const marker = newMarker();
    const own = await makeOrganisation(db);
    const other = await makeOrganisation(db);
    const lkks = await makeOrganisation(db, { type: 'lkks', level: 'regency', areaCode: '52.03' });
    // The unscoped viewer membership lets them read everywhere; coordination stays in 52.03.
    const user = await makeUser(db, [
      { organisationId: lkks, role: 'coordinator', areaScope: '52.03' },
      { organisationId: own, role: 'viewer' },
    ]);
    const client = await sessionFor(ctx.app, user);
    const draft = (owner: string, village: string) =>
      create(
        admin,
        programBody(owner, { title: `Draf ${marker}`, status: 'draft', villages: [{ code: village }] }),
      );
    const otherInLotim = await draft(other, '52.03.01.2001');
    const otherInLombokBarat = await draft(other, '52.01.02.2001');
    const ownInLombokBarat = await draft(own, '52.01.02.2001');
    expect((await listIds(client, `q=${marker}`)).sort()).toEqual(
      [otherInLotim.id, ownInLombokBarat.id].sort(),
    );
    expect((await client.get(`/api/programs/${otherInLombokBarat.id}`)).statusCode).toBe(404);
    expect((await client.get(`/api/programs/${otherInLotim.id}`)).json().canEdit).toBe(true);
  });
});

// ---- area-scoped coordinators ---------------------------------------------------------

describe('a Lombok Timur coordinator (area scope 52.03)', () => {
  it('sees programs reaching 52.03 only, maps 52.03 only, and edits programs wholly inside 52.03', async () => {
    const marker = newMarker();
    const issue = await freshIssue();
    const owner = await makeOrganisation(db);
    const base = { issues: [issue], budgetPlanned: 1_000 };
    const inside = await create(
      admin,
      programBody(owner, {
        ...base,
        title: `Dalam ${marker}`,
        villages: [{ code: '52.03.01.2001' }, { code: '52.03.02.2001' }],
      }),
    );
    const straddling = await create(
      admin,
      programBody(owner, {
        ...base,
        title: `Lintas ${marker}`,
        villages: [{ code: '52.03.01.2002' }, { code: '52.01.02.2001' }],
      }),
    );
    const elsewhere = await create(
      admin,
      programBody(owner, { ...base, title: `Luar ${marker}`, villages: [{ code: '52.01.01.2002' }] }),
    );

    expect((await listIds(lotimCoordinator, `q=${marker}`)).sort()).toEqual(
      [inside.id, straddling.id].sort(),
    );
    expect((await listIds(provinceCoordinator, `q=${marker}`)).length).toBe(3);
    expect(apiError(await lotimCoordinator.get(`/api/programs/${elsewhere.id}`))).toMatchObject({
      status: 404,
      code: 'PROGRAM_NOT_FOUND',
    });
    expect((await lotimCoordinator.get(`/api/programs/${inside.id}`)).json().canEdit).toBe(true);
    expect((await lotimCoordinator.get(`/api/programs/${straddling.id}`)).json().canEdit).toBe(false);

    const cells = async (client: Client | null, level: string) => {
      const url = `/api/who-what-where/map?level=${level}&issue=${issue}`;
      const response = client ? await client.get(url) : await anonymousGet(url);
      expect(response.statusCode).toBe(200);
      return response.json().cells.map((c: { areaCode: string }) => c.areaCode);
    };
    expect(await cells(lotimCoordinator, 'regency')).toEqual(['52.03']);
    expect(await cells(lotimCoordinator, 'district')).toEqual(['52.03.01', '52.03.02']);
    expect(await cells(lotimCoordinator, 'village')).toEqual([
      '52.03.01.2001',
      '52.03.01.2002',
      '52.03.02.2001',
    ]);
    expect(await cells(null, 'regency')).toEqual(['52.01', '52.03']);
    const dashboard = (await lotimCoordinator.get(`/api/who-what-where/dashboard?issue=${issue}`)).json();
    // Two programs reach 52.03; the straddling one with the half of its budget spent there.
    expect(dashboard.totals).toMatchObject({ programs: 2, villages: 3, budgetPlanned: 1_500 });

    // Edit, change status, refuse: whole program inside the area or nothing.
    const edited = await put(
      lotimCoordinator,
      `/api/programs/${inside.id}`,
      replacementOf(inside, { description: 'Diperbarui oleh koordinator Lombok Timur' }),
    );
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      version: 2,
      description: 'Diperbarui oleh koordinator Lombok Timur',
    });
    const moved = await put(
      lotimCoordinator,
      `/api/programs/${inside.id}`,
      replacementOf(edited.json(), { villages: [{ code: '52.03.01.2001' }, { code: '52.01.02.2001' }] }),
    );
    expect(apiError(moved)).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(
      (await admin.get(`/api/programs/${inside.id}`)).json().villages.map((v: { code: string }) => v.code),
    ).toEqual(['52.03.01.2001', '52.03.02.2001']);
    const before = await rowCounts();
    for (const response of [
      await put(
        lotimCoordinator,
        `/api/programs/${straddling.id}`,
        replacementOf(straddling, { title: 'Diubah' }),
      ),
      await lotimCoordinator.post(`/api/programs/${straddling.id}/status`, { status: 'active', version: 1 }),
      await lotimCoordinator.delete(`/api/programs/${straddling.id}?version=1`),
    ]) {
      expect(apiError(response)).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    }
    expect(await rowCounts()).toEqual(before);
    // Creating: every village inside the area.
    expect(
      apiError(
        await lotimCoordinator.post(
          '/api/programs',
          programBody(owner, { villages: [{ code: '52.03.01.2001' }, { code: '52.01.02.2001' }] }),
        ),
      ),
    ).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    const own = await lotimCoordinator.post('/api/programs', programBody(owner, { title: `Baru ${marker}` }));
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().canEdit).toBe(true);
  });

  it('counts a program once on the dashboard when one of their scopes lies inside another', async () => {
    const issue = await freshIssue();
    const lkks = await makeOrganisation(db, { type: 'lkks', level: 'regency', areaCode: '52.03' });
    const ngo = await makeOrganisation(db);
    // Coordinator of the kabupaten, and field facilitator of one of its kecamatan.
    const user = await makeUser(db, [
      { organisationId: lkks, role: 'coordinator', areaScope: '52.03' },
      { organisationId: ngo, role: 'field_facilitator', areaScope: '52.03.01' },
    ]);
    const client = await sessionFor(ctx.app, user);
    await create(
      admin,
      programBody(ngo, { issues: [issue], villages: [{ code: '52.03.01.2001' }], budgetPlanned: 1_000 }),
    );
    await create(
      admin,
      programBody(ngo, { issues: [issue], villages: [{ code: '52.03.02.2001' }], budgetPlanned: 10 }),
    );
    await create(
      admin,
      programBody(ngo, { issues: [issue], villages: [{ code: '52.01.02.2001' }], budgetPlanned: 5 }),
    );
    const dashboard = (await client.get(`/api/who-what-where/dashboard?issue=${issue}`)).json();
    expect(dashboard.totals).toMatchObject({ programs: 2, villages: 2, budgetPlanned: 1_010 });
    expect(dashboard.byYear).toEqual([
      { year: 2025, programs: 2, budgetPlanned: 1_010, productiveBudget: 0, consumptiveBudget: 1_010 },
    ]);
    const map = (await client.get(`/api/who-what-where/map?issue=${issue}`)).json();
    expect(map.cells).toEqual([
      expect.objectContaining({ areaCode: '52.03', programs: 2, budgetPlanned: 1_010 }),
    ]);
  });

  it('cannot create a program it would not be allowed to see (a draft without villages)', async () => {
    const owner = await makeOrganisation(db);
    const before = await rowCounts();
    const response = await lotimCoordinator.post(
      '/api/programs',
      programBody(owner, { status: 'draft', villages: [] }),
    );
    expect(apiError(response)).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(await rowCounts()).toEqual(before);
    // Without an area limit the same draft is fine.
    const created = await provinceCoordinator.post(
      '/api/programs',
      programBody(owner, { status: 'draft', villages: [] }),
    );
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ status: 'draft', villages: [], canEdit: true });
  });
});

// ---- GET /api/programs/:id -------------------------------------------------------------

describe('GET /api/programs/:id', () => {
  it('400 for a malformed id, 404 for an unknown one, then the program with its links', async () => {
    expect(apiError(await anonymousGet('/api/programs/123'))).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      paths: ['params.id'],
    });
    expect(apiError(await anonymousGet(`/api/programs/${randomUUID()}`))).toMatchObject({
      status: 404,
      code: 'PROGRAM_NOT_FOUND',
    });
    const owner = await clientWith('org_editor', { type: 'ngo' });
    const partner = await makeOrganisation(db, { type: 'university' });
    for (const id of [owner.orgId, partner]) await setVerificationStatus(db, id, 'verified');
    const created = await create(
      owner.client,
      programBody(owner.orgId, {
        description: 'Pendampingan gizi balita',
        issues: ['tengkes', 'kesehatan'],
        villages: [
          { code: '52.03.01.2002', targetHouseholds: 40, targetPersons: 160 },
          { code: '52.03.02.2001' },
        ],
        partners: [
          {
            organisationId: partner,
            role: 'funder',
            contributionMoney: 25_000_000,
            contributionInKind: 'Timbangan',
          },
        ],
        budgetRealised: 40_000_000,
        modality: 'service',
        targetHouseholds: 70,
        documents: [{ title: 'Proposal', url: 'https://example.org/proposal.pdf' }],
      }),
    );
    const response = await anonymousGet(`/api/programs/${created.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: created.id,
      key: expect.stringMatching(/^prg-2025-[0-9a-f]{10}$/),
      owner: { id: owner.orgId, type: 'ngo' },
      description: 'Pendampingan gizi balita',
      status: 'planned',
      modality: 'service',
      productive: false,
      issues: ['kesehatan', 'tengkes'],
      budgetPlanned: 100_000_000,
      budgetRealised: 40_000_000,
      villageCount: 2,
      villages: [
        {
          code: '52.03.01.2002',
          name: 'Pijot',
          kind: 'desa',
          districtCode: '52.03.01',
          districtName: 'Keruak',
          regencyCode: '52.03',
          regencyName: 'Kabupaten Lombok Timur',
          targetHouseholds: 40,
          targetPersons: 160,
        },
        expect.objectContaining({ code: '52.03.02.2001', name: 'Suwangi', districtName: 'Sakra' }),
      ],
      partners: [
        {
          organisation: { id: partner, name: expect.any(String), type: 'university' },
          role: 'funder',
          contributionMoney: 25_000_000,
          contributionInKind: 'Timbangan',
        },
      ],
      targetHouseholds: 70,
      plannedAt: todayInNtb(),
      startedAt: null,
      documents: [{ title: 'Proposal', url: 'https://example.org/proposal.pdf' }],
      partnerships: [],
      source: 'form',
      version: 1,
      canEdit: false,
    });
    expect((await owner.client.get(`/api/programs/${created.id}`)).json().canEdit).toBe(true);
    expect(
      (await (await clientWith('org_editor')).client.get(`/api/programs/${created.id}`)).json().canEdit,
    ).toBe(false);
  });
});

// ---- POST /api/programs ----------------------------------------------------------------

describe('POST /api/programs', () => {
  it('401 for anonymous callers, before the body is looked at', async () => {
    const response = await ctx.app.inject({ method: 'POST', url: '/api/programs', payload: {} });
    expect(apiError(response)).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('refuses each invalid field with its path (400) and writes nothing', async () => {
    const owner = await makeOrganisation(db);
    const partner = await makeOrganisation(db);
    const before = await rowCounts();
    const cases: Array<[Record<string, unknown>, string, string, string?]> = [
      [{ periodStart: '2025-06-01', periodEnd: '2025-05-31' }, 'VALIDATION_FAILED', 'body.periodEnd'],
      [{ periodStart: '2014-12-31' }, 'VALIDATION_FAILED', 'body.periodStart'],
      [{ periodEnd: '2036-01-01' }, 'VALIDATION_FAILED', 'body.periodEnd'],
      [{ periodStart: '2025-02-30' }, 'VALIDATION_FAILED', 'body.periodStart'],
      [{ budgetPlanned: -1 }, 'VALIDATION_FAILED', 'body.budgetPlanned'],
      [{ budgetRealised: -5 }, 'VALIDATION_FAILED', 'body.budgetRealised'],
      [
        { partners: [{ organisationId: partner, role: 'funder', contributionMoney: -1 }] },
        'VALIDATION_FAILED',
        'body.partners.0.contributionMoney',
      ],
      [{ budgetPlanned: 1000.5 }, 'VALIDATION_FAILED', 'body.budgetPlanned'],
      [{ budgetRealised: 0.25 }, 'VALIDATION_FAILED', 'body.budgetRealised'],
      [
        { partners: [{ organisationId: partner, role: 'funder', contributionMoney: 12.5 }] },
        'VALIDATION_FAILED',
        'body.partners.0.contributionMoney',
      ],
      [{ budgetPlanned: 2 ** 53 }, 'VALIDATION_FAILED', 'body.budgetPlanned'],
      [{ budgetPlanned: '1000' }, 'VALIDATION_FAILED', 'body.budgetPlanned'],
      [{ targetHouseholds: -1 }, 'VALIDATION_FAILED', 'body.targetHouseholds'],
      // Well-formed village codes that do not exist or are not villages; malformed ones.
      [
        { villages: [{ code: '52.03.01.2999' }] },
        'VALIDATION_FAILED',
        'body.villages.0.code',
        'unknown_area',
      ],
      [{ villages: [{ code: '52.03.01' }] }, 'VALIDATION_FAILED', 'body.villages.0.code', 'not_a_village'],
      [
        { villages: [{ code: '52.3.1' }] },
        'AREA_CODE_MALFORMED',
        'body.villages.0.code',
        'area_code_malformed',
      ],
      [
        { villages: [{ code: '52.03.01.2001' }, { code: '52.03.01.2001' }] },
        'VALIDATION_FAILED',
        'body.villages.1.code',
        'duplicate',
      ],
      [{ villages: [] }, 'VALIDATION_FAILED', 'body.villages', 'required'],
      [{ wholeAreas: ['52.03.01.2001'] }, 'VALIDATION_FAILED', 'body.wholeAreas.0', 'not_an_area_group'],
      [{ wholeAreas: ['52.99'] }, 'VALIDATION_FAILED', 'body.wholeAreas.0', 'unknown_area'],
      [{ issues: ['tengkes', 'tidak_ada'] }, 'VALIDATION_FAILED', 'body.issues.1', 'unknown_issue'],
      [{ issues: ['Tengkes!'] }, 'VALIDATION_FAILED', 'body.issues.0'],
      [{ issues: [] }, 'VALIDATION_FAILED', 'body.issues'],
      [{ ownerOrgId: randomUUID() }, 'VALIDATION_FAILED', 'body.ownerOrgId', 'unknown_organisation'],
      [{ ownerOrgId: 'yayasan' }, 'VALIDATION_FAILED', 'body.ownerOrgId'],
      [
        { partners: [{ organisationId: randomUUID(), role: 'funder' }] },
        'VALIDATION_FAILED',
        'body.partners.0.organisationId',
        'unknown_organisation',
      ],
      [
        { partners: [{ organisationId: owner, role: 'funder' }] },
        'VALIDATION_FAILED',
        'body.partners.0.organisationId',
        'partner_is_owner',
      ],
      [
        {
          partners: [
            { organisationId: partner, role: 'funder' },
            { organisationId: partner, role: 'funder' },
          ],
        },
        'VALIDATION_FAILED',
        'body.partners.1.role',
        'duplicate',
      ],
      [
        { partners: [{ organisationId: partner, role: 'donor' }] },
        'VALIDATION_FAILED',
        'body.partners.0.role',
      ],
      [{ title: 'AB' }, 'VALIDATION_FAILED', 'body.title'],
      [{ title: undefined }, 'VALIDATION_FAILED', 'body.title'],
      [{ modality: 'gift' }, 'VALIDATION_FAILED', 'body.modality'],
      [{ status: 'completed' }, 'VALIDATION_FAILED', 'body.status'],
      [{ key: 'A B' }, 'VALIDATION_FAILED', 'body.key'],
      [
        { documents: [{ title: 'Berkas', url: 'ftp://example.org/a' }] },
        'VALIDATION_FAILED',
        'body.documents.0.url',
      ],
      [{ verified: true }, 'VALIDATION_FAILED', 'body'],
    ];
    for (const [overrides, code, path, detail] of cases) {
      const response = await admin.post('/api/programs', programBody(owner, overrides));
      const label = JSON.stringify(overrides);
      const { paths, ...error } = apiError(response);
      // One field can break two rules (2^53 is neither a safe integer nor below the maximum).
      expect({ ...error, paths: [...new Set(paths)] }, label).toEqual({ status: 400, code, paths: [path] });
      if (detail) expect(response.json().error.details[0].code, label).toBe(detail);
    }
    // Text PostgreSQL cannot store, in the program row and in a row written after it.
    for (const overrides of [
      { title: 'Program\u0000Nol' },
      { description: 'Uraian\u0000' },
      { partners: [{ organisationId: partner, role: 'funder', contributionInKind: 'Beras\u0000' }] },
      { documents: [{ title: 'Berkas\u0000', url: 'https://example.org/a' }] },
    ]) {
      const response = await admin.post('/api/programs', programBody(owner, overrides));
      expect(apiError(response), JSON.stringify(overrides)).toMatchObject({
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('403 for roles that do not edit programs, and for editors of another organisation', async () => {
    const ownerEditor = await clientWith('org_editor');
    const refused: Array<[string, Client]> = [];
    for (const role of ['viewer', 'field_facilitator', 'auditor'] as const) {
      refused.push([role, (await clientWith(role, { orgId: ownerEditor.orgId })).client]);
    }
    const otherEditor = (await clientWith('org_admin')).client;
    const before = await rowCounts();
    for (const [role, client] of refused) {
      expect(
        apiError(await client.post('/api/programs', programBody(ownerEditor.orgId))),
        role,
      ).toMatchObject({
        status: 403,
        code: 'FORBIDDEN',
      });
    }
    expect(apiError(await otherEditor.post('/api/programs', programBody(ownerEditor.orgId)))).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
    });
    expect(await rowCounts()).toEqual(before);
  });

  it('creates the program with its links, fact rows and one audit entry; a taken key is a 409', async () => {
    const editor = await clientWith('org_editor', { type: 'ngo' });
    const partner = await makeOrganisation(db, { type: 'private_company' });
    const key = `uji-${randomUUID().slice(0, 8)}`;
    const before = await rowCounts();
    const response = await editor.client.post(
      '/api/programs',
      programBody(editor.orgId, {
        key: key.toUpperCase(),
        villages: [{ code: '52.03.01.2002' }],
        wholeAreas: ['52.03.02'],
        partners: [{ organisationId: partner, role: 'funder', contributionMoney: 5_000_000 }],
        status: 'active',
      }),
    );
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    const sakra = await db
      .selectFrom('areas')
      .select('code')
      .where('level', '=', 'village')
      .where('valid_to', 'is', null)
      .where('code', 'like', '52.03.02.%')
      .execute();
    expect(body).toMatchObject({
      key,
      status: 'active',
      startedAt: todayInNtb(),
      plannedAt: null,
      villageCount: 1 + sakra.length,
      partnerCount: 1,
      canEdit: true,
      version: 1,
    });
    expect(body.villages.map((v: { code: string }) => v.code)).toEqual(
      ['52.03.01.2002', ...sakra.map((a) => a.code)].sort(),
    );
    expect((await programRow(body.id))?.created_by_user_id).toBe(editor.user.id);
    const after = await rowCounts();
    expect(after.programs - before.programs).toBe(1);
    expect(after.villages - before.villages).toBe(1 + sakra.length);
    expect(after.partners - before.partners).toBe(1);
    expect(after.audit - before.audit).toBe(1);
    expect(after.factsVersion).toBeGreaterThan(before.factsVersion);
    const entries = await auditEntries(body.id);
    expect(entries).toEqual([
      expect.objectContaining({ action: 'create', entity_type: 'program', before: null }),
    ]);
    expect(entries[0]?.after).toMatchObject({ key, status: 'active', ownerOrgId: editor.orgId });

    const again = await editor.client.post('/api/programs', programBody(editor.orgId, { key }));
    expect(apiError(again)).toEqual({ status: 409, code: 'PROGRAM_KEY_TAKEN', paths: ['body.key'] });
    expect((await rowCounts()).programs).toBe(after.programs);
  });
});

// ---- PUT /api/programs/:id --------------------------------------------------------------

describe('PUT /api/programs/:id', () => {
  it('401 → 400 per invalid field → 404 → 403 for another organisation’s editor', async () => {
    const editor = await clientWith('org_editor');
    const program = await create(editor.client, programBody(editor.orgId));
    const url = `/api/programs/${program.id}`;
    const anonymous = await ctx.app.inject({ method: 'PUT', url, payload: replacementOf(program) });
    expect(apiError(anonymous)).toMatchObject({ status: 401 });
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ version: undefined }, 'VALIDATION_FAILED', 'body.version'],
      [{ version: 0 }, 'VALIDATION_FAILED', 'body.version'],
      [{ status: 'active' }, 'VALIDATION_FAILED', 'body'],
      [{ periodEnd: '2024-12-31' }, 'VALIDATION_FAILED', 'body.periodEnd'],
      [{ budgetPlanned: -10 }, 'VALIDATION_FAILED', 'body.budgetPlanned'],
      [{ villages: [{ code: '52.03.01.2999' }] }, 'VALIDATION_FAILED', 'body.villages.0.code'],
      [{ villages: [{ code: '52.03' }] }, 'VALIDATION_FAILED', 'body.villages.0.code'],
      [{ villages: [] }, 'VALIDATION_FAILED', 'body.villages'],
      [{ issues: ['tidak_ada'] }, 'VALIDATION_FAILED', 'body.issues.0'],
      [{ ownerOrgId: randomUUID() }, 'VALIDATION_FAILED', 'body.ownerOrgId'],
    ];
    for (const [overrides, code, path] of cases) {
      const response = await put(editor.client, url, replacementOf(program, overrides));
      expect(apiError(response), JSON.stringify(overrides)).toEqual({ status: 400, code, paths: [path] });
    }
    expect(apiError(await put(editor.client, '/api/programs/abc', replacementOf(program)))).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      paths: ['params.id'],
    });
    expect(apiError(await put(admin, `/api/programs/${randomUUID()}`, replacementOf(program)))).toMatchObject(
      {
        status: 404,
        code: 'PROGRAM_NOT_FOUND',
      },
    );
    const viewer = (await clientWith('viewer', { orgId: editor.orgId })).client;
    const other = (await clientWith('org_editor')).client;
    const elsewhere = await makeOrganisation(db);
    const before = await rowCounts();
    expect(apiError(await put(viewer, url, replacementOf(program)))).toMatchObject({ status: 403 });
    expect(apiError(await put(other, url, replacementOf(program, { title: 'Direbut' })))).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
    });
    // Nor may the owner's editor hand the program to another organisation.
    expect(
      apiError(await put(editor.client, url, replacementOf(program, { ownerOrgId: elsewhere }))),
    ).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(await rowCounts()).toEqual(before);
    expect((await programRow(program.id))?.version).toBe(1);
  });

  it('replaces every field (left-out lists become empty), bumps the version and audits once', async () => {
    const editor = await clientWith('org_editor');
    const partner = await makeOrganisation(db);
    const program = await create(
      editor.client,
      programBody(editor.orgId, {
        partners: [{ organisationId: partner, role: 'technical' }],
        documents: [{ title: 'TOR', url: 'https://example.org/tor.pdf' }],
        targetHouseholds: 50,
      }),
    );
    const url = `/api/programs/${program.id}`;
    const { partners: _p, documents: _d, targetHouseholds: _t, ...rest } = replacementOf(program);
    const response = await put(editor.client, url, {
      ...rest,
      title: 'Program pengganti',
      villages: [{ code: '52.03.03.2001', targetHouseholds: 12 }],
      issues: ['lansia'],
      budgetPlanned: 7,
      modality: 'training',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      key: program.key,
      title: 'Program pengganti',
      version: 2,
      issues: ['lansia'],
      partners: [],
      documents: [],
      targetHouseholds: null,
      budgetPlanned: 7,
      modality: 'training',
      productive: true,
      status: 'planned',
      villages: [expect.objectContaining({ code: '52.03.03.2001', targetHouseholds: 12 })],
    });
    const entries = await auditEntries(program.id);
    expect(entries.map((e) => e.action)).toEqual(['create', 'update']);
    expect(entries[1]?.before).toMatchObject({ title: program.title, issues: ['tengkes'] });
    expect(entries[1]?.after).toMatchObject({ title: 'Program pengganti', issues: ['lansia'], partners: [] });
    // The fact rows moved with the villages.
    const facts = await db
      .selectFrom('program_area_facts')
      .select(['area_code', 'budget_planned'])
      .where('program_id', '=', program.id)
      .where('level', '=', 'village')
      .where('year', '=', 0)
      .execute();
    expect(facts).toEqual([{ area_code: '52.03.03.2001', budget_planned: 7 }]);

    // The same body again changes nothing: no new version, no audit entry.
    const same = await put(editor.client, url, replacementOf(response.json()));
    expect(same.statusCode).toBe(200);
    expect(same.json().version).toBe(2);
    expect(await auditEntries(program.id)).toHaveLength(2);
  });

  it('answers a stale version with 409 VERSION_CONFLICT and changes nothing', async () => {
    const editor = await clientWith('org_editor');
    const program = await create(editor.client, programBody(editor.orgId));
    const url = `/api/programs/${program.id}`;
    expect((await put(editor.client, url, replacementOf(program, { title: 'Versi dua' }))).statusCode).toBe(
      200,
    );
    const stale = await put(admin, url, replacementOf(program, { title: 'Versi basi' }));
    expect(apiError(stale)).toMatchObject({ status: 409, code: 'VERSION_CONFLICT' });
    expect(await programRow(program.id)).toMatchObject({ title: 'Versi dua', version: 2 });
    expect(await auditEntries(program.id)).toHaveLength(2);
  });
});

// ---- POST /api/programs/:id/status ------------------------------------------------------

describe('POST /api/programs/:id/status', () => {
  it('401 → 400 per invalid field → 404 → 403 for another organisation’s editor', async () => {
    const editor = await clientWith('org_editor');
    const program = await create(editor.client, programBody(editor.orgId));
    const url = `/api/programs/${program.id}/status`;
    const anonymous = await ctx.app.inject({
      method: 'POST',
      url,
      payload: { status: 'active', version: 1 },
    });
    expect(apiError(anonymous)).toMatchObject({ status: 401 });
    for (const [payload, path] of [
      [{ status: 'done', version: 1 }, 'body.status'],
      [{ status: 'active' }, 'body.version'],
      [{ status: 'active', version: 1, on: '2025-13-01' }, 'body.on'],
      [{ status: 'active', version: 1, reason: 'x' }, 'body'],
    ] as const) {
      expect(apiError(await editor.client.post(url, payload)), path).toEqual({
        status: 400,
        code: 'VALIDATION_FAILED',
        paths: [path],
      });
    }
    expect(
      apiError(await admin.post(`/api/programs/${randomUUID()}/status`, { status: 'active', version: 1 })),
    ).toMatchObject({ status: 404, code: 'PROGRAM_NOT_FOUND' });
    const other = (await clientWith('org_editor')).client;
    expect(apiError(await other.post(url, { status: 'active', version: 1 }))).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
    });
    expect(await programRow(program.id)).toMatchObject({ status: 'planned', version: 1 });
  });

  it('moves along the lifecycle, dating each step, and refuses moves that are not allowed (409)', async () => {
    const editor = await clientWith('org_editor');
    const program = await create(editor.client, programBody(editor.orgId, { status: 'draft' }));
    const url = `/api/programs/${program.id}/status`;
    let version = program.version;
    const move = async (status: string, on?: string) => {
      const response = await editor.client.post(url, { status, version, ...(on ? { on } : {}) });
      expect(response.statusCode, response.body).toBe(200);
      version = response.json().version;
      return response.json();
    };
    expect(await move('planned', '2024-12-01')).toMatchObject({ status: 'planned', plannedAt: '2024-12-01' });
    // Back to draft while only planned.
    expect(await move('draft')).toMatchObject({ status: 'draft' });
    expect(await move('planned', '2024-12-15')).toMatchObject({ plannedAt: '2024-12-15' });
    expect(await move('active', '2025-01-02')).toMatchObject({ status: 'active', startedAt: '2025-01-02' });
    for (const to of ['draft', 'planned']) {
      const refused = await editor.client.post(url, { status: to, version });
      expect(apiError(refused), to).toEqual({
        status: 409,
        code: 'PROGRAM_STATUS_TRANSITION',
        paths: ['body.status'],
      });
    }
    const completed = await move('completed');
    expect(completed).toMatchObject({
      status: 'completed',
      plannedAt: '2024-12-15',
      startedAt: '2025-01-02',
      completedAt: todayInNtb(),
      cancelledAt: null,
    });
    for (const to of ['cancelled', 'active', 'draft']) {
      expect(apiError(await editor.client.post(url, { status: to, version })), to).toMatchObject({
        status: 409,
        code: 'PROGRAM_STATUS_TRANSITION',
      });
    }
    // Asking for the status it already has is not a change.
    expect(await move('completed')).toMatchObject({ version: completed.version });
    const entries = await auditEntries(program.id);
    expect(entries.map((e) => e.action)).toEqual([
      'create',
      'status',
      'status',
      'status',
      'status',
      'status',
    ]);
    expect(entries[4]).toMatchObject({
      before: { status: 'planned' },
      after: { status: 'active', on: '2025-01-02' },
    });

    const cancelled = await create(editor.client, programBody(editor.orgId));
    const response = await editor.client.post(`/api/programs/${cancelled.id}/status`, {
      status: 'cancelled',
      version: 1,
      on: '2025-03-03',
    });
    expect(response.json()).toMatchObject({ status: 'cancelled', cancelledAt: '2025-03-03', version: 2 });
    expect(
      apiError(
        await editor.client.post(`/api/programs/${cancelled.id}/status`, { status: 'planned', version: 2 }),
      ),
    ).toMatchObject({ status: 409, code: 'PROGRAM_STATUS_TRANSITION' });
  });

  it('refuses a stale version (409) and a draft without villages leaving draft (400)', async () => {
    const editor = await clientWith('org_editor');
    const program = await create(editor.client, programBody(editor.orgId));
    const url = `/api/programs/${program.id}/status`;
    expect((await editor.client.post(url, { status: 'active', version: 1 })).statusCode).toBe(200);
    expect(apiError(await editor.client.post(url, { status: 'completed', version: 1 }))).toMatchObject({
      status: 409,
      code: 'VERSION_CONFLICT',
    });
    expect((await programRow(program.id))?.status).toBe('active');

    const empty = await create(editor.client, programBody(editor.orgId, { status: 'draft', villages: [] }));
    const refused = await editor.client.post(`/api/programs/${empty.id}/status`, {
      status: 'planned',
      version: 1,
    });
    expect(apiError(refused)).toEqual({ status: 400, code: 'VALIDATION_FAILED', paths: ['body.status'] });
    expect((await programRow(empty.id))?.status).toBe('draft');
  });
});

// ---- DELETE /api/programs/:id ------------------------------------------------------------

describe('DELETE /api/programs/:id', () => {
  it('401 → 400 → 404 → 403 for another organisation’s editor → 409 for a stale version', async () => {
    const editor = await clientWith('org_editor');
    const program = await create(editor.client, programBody(editor.orgId));
    const url = `/api/programs/${program.id}`;
    expect(apiError(await ctx.app.inject({ method: 'DELETE', url: `${url}?version=1` }))).toMatchObject({
      status: 401,
    });
    for (const [query, path] of [
      ['', 'querystring.version'],
      ['?version=0', 'querystring.version'],
      ['?version=1&force=true', 'querystring'],
    ] as const) {
      expect(apiError(await editor.client.delete(`${url}${query}`)), query).toEqual({
        status: 400,
        code: 'VALIDATION_FAILED',
        paths: [path],
      });
    }
    expect(apiError(await admin.delete(`/api/programs/${randomUUID()}?version=1`))).toMatchObject({
      status: 404,
      code: 'PROGRAM_NOT_FOUND',
    });
    const other = (await clientWith('org_admin')).client;
    expect(apiError(await other.delete(`${url}?version=1`))).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
    });
    expect(apiError(await editor.client.delete(`${url}?version=2`))).toMatchObject({
      status: 409,
      code: 'VERSION_CONFLICT',
    });
    expect(await programRow(program.id)).toBeDefined();
  });

  it('deletes a draft, planned or cancelled program with its facts; refuses an active or completed one', async () => {
    const editor = await clientWith('org_editor');
    const draft = await create(editor.client, programBody(editor.orgId, { status: 'draft' }));
    const planned = await create(editor.client, programBody(editor.orgId));
    const cancelled = await createWithStatus(editor.client, programBody(editor.orgId), 'cancelled');
    const active = await create(editor.client, programBody(editor.orgId, { status: 'active' }));
    const completed = await createWithStatus(editor.client, programBody(editor.orgId), 'completed');

    for (const p of [active, completed]) {
      const refused = await editor.client.delete(`/api/programs/${p.id}?version=${p.version}`);
      expect(apiError(refused), p.status).toMatchObject({ status: 409, code: 'PROGRAM_DELETE_NOT_ALLOWED' });
      expect(await programRow(p.id), p.status).toBeDefined();
    }
    for (const p of [draft, planned, cancelled]) {
      const audited = (await auditEntries(p.id)).length;
      const response = await editor.client.delete(`/api/programs/${p.id}?version=${p.version}`);
      expect(response.statusCode, p.status).toBe(204);
      expect(await programRow(p.id)).toBeUndefined();
      const facts = await db
        .selectFrom('program_area_facts')
        .select('program_id')
        .where('program_id', '=', p.id)
        .execute();
      expect(facts).toEqual([]);
      const entries = await auditEntries(p.id);
      expect(entries).toHaveLength(audited + 1);
      expect(entries.at(-1)).toMatchObject({ action: 'delete', after: null, before: { status: p.status } });
      expect((await admin.get(`/api/programs/${p.id}`)).statusCode).toBe(404);
    }
    // Auditors read the trail of status changes and deletions like any other entry.
    const trail = await admin.get(`/api/audit?entityType=program&entityId=${cancelled.id}`);
    expect(trail.statusCode, trail.body).toBe(200);
    expect(trail.json().items.map((e: { action: string }) => e.action)).toEqual([
      'delete',
      'status',
      'create',
    ]);
  });
});

// ---- GET /api/programs/export -------------------------------------------------------------

describe('GET /api/programs/export', () => {
  const HXL = [
    '#activity+code',
    '#activity+name',
    '#org+name+owner',
    '#org+type',
    '#org+name+partner',
    '#sector',
    '#adm1+code',
    '#adm2+code',
    '#adm2+name',
    '#adm3+code',
    '#adm4+code',
    '#adm4+name',
    '#activity+type',
    '#indicator+productive',
    '#status',
    '#date+start',
    '#date+end',
    '#value+planned',
    '#value+realised',
    '#targeted+hh',
    '#reached+hh',
  ];

  async function exported(marker: string) {
    const owner = await makeOrganisation(db, { legalName: `Yayasan Ekspor ${marker}`, type: 'ngo' });
    const partner = await makeOrganisation(db, { legalName: `PT Mitra ${marker}`, type: 'private_company' });
    // Exported to a visitor: named because verified (unverified ones read "Mitra belum terverifikasi").
    for (const id of [owner, partner]) await setVerificationStatus(db, id, 'verified');
    const program = await create(
      admin,
      programBody(owner, {
        key: `ekspor-${marker}`,
        title: `Ekspor ${marker}`,
        issues: ['tengkes', 'kesehatan'],
        villages: [{ code: '52.03.01.2002', targetHouseholds: 30 }, { code: '52.03.01.2001' }],
        partners: [{ organisationId: partner, role: 'funder' }],
        budgetPlanned: 1_000_001,
        budgetRealised: 250_000,
        periodStart: '2025-07-01',
        periodEnd: '2026-06-30',
        modality: 'training',
      }),
    );
    return { owner, partner, program };
  }

  it('400 for an unknown format or parameter', async () => {
    for (const [query, path] of [
      ['format=pdf', 'querystring.format'],
      ['sort=title', 'querystring'],
      ['year=2010', 'querystring.year'],
    ] as const) {
      expect(apiError(await anonymousGet(`/api/programs/export?${query}`)), query).toEqual({
        status: 400,
        code: 'VALIDATION_FAILED',
        paths: [path],
      });
    }
  });

  it('writes a CSV with a header row, an HXL row and one row per program, formulas defused', async () => {
    const marker = newMarker();
    await exported(marker);
    const draftOwner = await makeOrganisation(db);
    await create(admin, programBody(draftOwner, { title: `Draf ${marker}`, status: 'draft' }));
    await create(admin, programBody(draftOwner, { title: `=HYPERLINK("http://x") ${marker}` }));
    // Two villages named Banyu Urip, in Lombok Barat and Lombok Tengah.
    await create(
      admin,
      programBody(draftOwner, {
        key: `banyu-urip-${marker}`,
        title: `Dua desa ${marker}`,
        villages: [{ code: '52.02.05.2002' }, { code: '52.01.01.2006' }, { code: '52.01.01.2009' }],
      }),
    );
    const response = await anonymousGet(`/api/programs/export?format=csv&q=${marker}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="program-simpul-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const rows: string[][] = parseCsv(response.rawPayload, { bom: true });
    expect(rows[0]).toHaveLength(HXL.length);
    expect(rows[0]?.slice(0, 3)).toEqual(['Kode program', 'Judul program', 'Pemilik program']);
    expect(rows[1]).toEqual(HXL);
    // The draft is not exported to a visitor.
    expect(rows).toHaveLength(5);
    const header = rows[0] as string[];
    const cell = (row: string[] | undefined, name: string) => row?.[header.indexOf(name)];
    const row = rows.find((r) => r[0] === `ekspor-${marker}`);
    expect(cell(row, 'Judul program')).toBe(`Ekspor ${marker}`);
    expect(cell(row, 'Pemilik program')).toBe(`Yayasan Ekspor ${marker}`);
    expect(cell(row, 'Jenis organisasi')).toBe('ngo');
    expect(cell(row, 'Mitra')).toBe(`PT Mitra ${marker}`);
    expect(cell(row, 'Isu')).toBe('kesehatan; tengkes');
    expect(cell(row, 'Kode provinsi')).toBe('52');
    expect(cell(row, 'Kode kabupaten/kota')).toBe('52.03');
    expect(cell(row, 'Kabupaten/kota')).toBe('Kabupaten Lombok Timur');
    expect(cell(row, 'Kode kecamatan')).toBe('52.03.01');
    expect(cell(row, 'Kode desa/kelurahan')).toBe('52.03.01.2001; 52.03.01.2002');
    expect(cell(row, 'Desa/kelurahan')).toBe('Tanjung Luar; Pijot');
    expect(cell(row, 'Bentuk bantuan')).toBe('training');
    expect(cell(row, 'Produktif/konsumtif')).toBe('produktif');
    expect(cell(row, 'Status')).toBe('planned');
    expect(cell(row, 'Mulai')).toBe('2025-07-01');
    expect(cell(row, 'Selesai')).toBe('2026-06-30');
    expect(cell(row, 'Anggaran rencana (Rp)')).toBe('1000001');
    expect(cell(row, 'Anggaran realisasi (Rp)')).toBe('250000');
    // Village names stay parallel to the codes, even when two villages share a name.
    const namesake = rows.find((r) => r[0] === `banyu-urip-${marker}`);
    expect(cell(namesake, 'Kode desa/kelurahan')).toBe('52.01.01.2006; 52.01.01.2009; 52.02.05.2002');
    expect(cell(namesake, 'Desa/kelurahan')).toBe('Banyu Urip; Beleka; Banyu Urip');
    expect(cell(namesake, 'Kode kabupaten/kota')).toBe('52.01; 52.02');
    expect(cell(namesake, 'Kabupaten/kota')).toBe('Kabupaten Lombok Barat; Kabupaten Lombok Tengah');
    // A title Excel would run as a formula is written with a leading apostrophe.
    const formula = rows.find((r) => cell(r, 'Judul program')?.includes('HYPERLINK'));
    expect(cell(formula, 'Judul program')).toBe(`'=HYPERLINK("http://x") ${marker}`);
  });

  it('writes an XLSX whose program sheet has the same rows and whose location sheet splits the budget like the map', async () => {
    const marker = newMarker();
    const { program } = await exported(marker);
    const response = await anonymousGet(`/api/programs/export?q=${marker}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
    const values = (sheet: ExcelJS.Worksheet, n: number) =>
      (sheet.getRow(n).values as ExcelJS.CellValue[]).slice(1);
    const programs = workbook.getWorksheet('Program') as ExcelJS.Worksheet;
    expect(programs.rowCount).toBe(3);
    const header = values(programs, 1) as string[];
    expect(header.slice(0, 2)).toEqual(['Kode program', 'Judul program']);
    expect(values(programs, 2)).toEqual(HXL);
    const row = values(programs, 3);
    const cell = (name: string) => row[header.indexOf(name)];
    expect(cell('Kode program')).toBe(`ekspor-${marker}`);
    expect(cell('Kode desa/kelurahan')).toBe('52.03.01.2001; 52.03.01.2002');
    expect(cell('Kode kabupaten/kota')).toBe('52.03');
    expect(cell('Anggaran rencana (Rp)')).toBe(1_000_001);
    expect(cell('Mulai')).toBe('2025-07-01');

    const places = workbook.getWorksheet('Lokasi') as ExcelJS.Worksheet;
    expect(values(places, 2)).toContain('#adm4+code');
    expect([values(places, 3), values(places, 4)]).toEqual([
      [
        `ekspor-${marker}`,
        program.title,
        '52.03.01.2001',
        'Tanjung Luar',
        'Keruak',
        'Kabupaten Lombok Timur',
        500_001,
        // No target: a blank cell (the streaming writer writes no empty text cells).
      ],
      [
        `ekspor-${marker}`,
        program.title,
        '52.03.01.2002',
        'Pijot',
        'Keruak',
        'Kabupaten Lombok Timur',
        500_000,
        30,
      ],
    ]);
  });
});

// ---- who does what where ----------------------------------------------------------------------

describe('an unknown budget (issue 8: unknown is not zero)', () => {
  it('is stored and shown as null, left out of the sums and counted apart, and exported as an empty cell', async () => {
    const issue = await freshIssue();
    const orgId = await makeOrganisation(db);
    const marker = newMarker();
    const { budgetPlanned: _omitted, ...withoutBudget } = programBody(orgId, {
      title: `Tanpa anggaran ${marker}`,
      issues: [issue],
    });
    const unknown = await create(admin, withoutBudget);
    expect(unknown.budgetPlanned).toBeNull();
    expect((await programRow(unknown.id))?.budget_planned).toBeNull();
    const explicit = await create(
      admin,
      programBody(orgId, { title: `Null ${marker}`, issues: [issue], budgetPlanned: null }),
    );
    expect(explicit.budgetPlanned).toBeNull();
    await create(
      admin,
      programBody(orgId, { title: `Dengan ${marker}`, issues: [issue], budgetPlanned: 900 }),
    );
    // A real zero stays a zero (and counts as known).
    await create(admin, programBody(orgId, { title: `Nol ${marker}`, issues: [issue], budgetPlanned: 0 }));

    const detail = (await anonymousGet(`/api/programs/${unknown.id}`)).json();
    expect(detail.budgetPlanned).toBeNull();
    const dashboard = (await anonymousGet(`/api/who-what-where/dashboard?issue=${issue}`)).json();
    expect(dashboard.totals).toMatchObject({ programs: 4, programsWithoutBudget: 2, budgetPlanned: 900 });
    const map = (await anonymousGet(`/api/who-what-where/map?issue=${issue}`)).json();
    expect(map.cells).toEqual([
      expect.objectContaining({
        areaCode: '52.03',
        programs: 4,
        programsWithoutBudget: 2,
        budgetPlanned: 900,
      }),
    ]);
    const area = (await anonymousGet(`/api/who-what-where/areas/52.03.01.2002?issue=${issue}`)).json();
    expect(area.totals).toMatchObject({ programs: 4, programsWithoutBudget: 2, budgetPlanned: 900 });
    // Known budgets first, unknown last (never sorted as the largest).
    expect(area.programs.items.map((p: { budgetInArea: number | null }) => p.budgetInArea)).toEqual([
      900,
      0,
      null,
      null,
    ]);

    // Editing without a budget keeps it unknown; giving one later counts it.
    const edited = await put(
      admin,
      `/api/programs/${unknown.id}`,
      // The owner is read as the admin: a visitor's copy withholds an unverified owner's id.
      replacementOf((await admin.get(`/api/programs/${unknown.id}`)).json(), { budgetPlanned: 50 }),
    );
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().budgetPlanned).toBe(50);
    const after = (await anonymousGet(`/api/who-what-where/dashboard?issue=${issue}`)).json();
    expect(after.totals).toMatchObject({ programsWithoutBudget: 1, budgetPlanned: 950 });

    const csv = await anonymousGet(`/api/programs/export?format=csv&q=${marker}`);
    const rows: string[][] = parseCsv(csv.rawPayload, { bom: true });
    const header = rows[0] as string[];
    const planned = header.indexOf('Anggaran rencana (Rp)');
    expect(planned).toBeGreaterThan(-1);
    const byTitle = new Map(rows.slice(2).map((r) => [r[1], r[planned]]));
    expect(byTitle.get(`Null ${marker}`)).toBe('');
    expect(byTitle.get(`Nol ${marker}`)).toBe('0');
  });
});

describe('the who-does-what-where views', () => {
  /**
   * Four programs tagged with an issue of their own: planned training in two Lombok Timur
   * villages over 2025–2026 (with a university partner), active cash in Lombok Barat in
   * 2026, a cancelled one and a draft (never counted).
   */
  async function arrange() {
    const issue = await freshIssue();
    const ngo = await makeOrganisation(db, { legalName: `Alfa Peta ${newMarker()}`, type: 'ngo' });
    const company = await makeOrganisation(db, {
      legalName: `Bravo Peta ${newMarker()}`,
      type: 'private_company',
    });
    const university = await makeOrganisation(db, { type: 'university' });
    for (const id of [ngo, company, university]) await setVerificationStatus(db, id, 'verified');
    const training = await create(
      admin,
      programBody(ngo, {
        issues: [issue, 'tengkes'],
        villages: [{ code: '52.03.01.2001' }, { code: '52.03.02.2001' }],
        partners: [{ organisationId: university, role: 'technical' }],
        budgetPlanned: 1_000_001,
        budgetRealised: 11,
        targetHouseholds: 9,
        modality: 'training',
        periodStart: '2025-01-01',
        periodEnd: '2026-12-31',
      }),
    );
    const cash = await create(
      admin,
      programBody(company, {
        issues: [issue],
        villages: [{ code: '52.01.02.2001' }],
        budgetPlanned: 300,
        modality: 'cash',
        status: 'active',
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
      }),
    );
    const cancelled = await createWithStatus(
      admin,
      programBody(ngo, { issues: [issue], villages: [{ code: '52.03.01.2001' }], budgetPlanned: 50 }),
      'cancelled',
    );
    await create(admin, programBody(ngo, { issues: [issue], status: 'draft', budgetPlanned: 999 }));
    return { issue, ngo, company, university, training, cash, cancelled };
  }

  const map = async (query: string) => {
    const response = await anonymousGet(`/api/who-what-where/map?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const cell = (
    areaCode: string,
    programs: number,
    organisations: number,
    planned: number,
    productive: number,
    realised = 0,
    withoutBudget = 0,
  ) => ({
    areaCode,
    programs,
    programsWithoutBudget: withoutBudget,
    organisations,
    budgetPlanned: planned,
    budgetRealised: realised,
    productiveBudget: productive,
    productiveShare: planned > 0 ? productive / planned : null,
  });

  it('GET /map: 400 per invalid parameter', async () => {
    for (const [query, code, path] of [
      ['level=province', 'VALIDATION_FAILED', 'querystring.level'],
      ['status=draft', 'VALIDATION_FAILED', 'querystring.status.0'],
      ['year=2014', 'VALIDATION_FAILED', 'querystring.year'],
      ['area=52.3', 'AREA_CODE_MALFORMED', 'querystring.area'],
      ['orgType=club', 'VALIDATION_FAILED', 'querystring.orgType.0'],
      ['limit=5', 'VALIDATION_FAILED', 'querystring'],
    ] as const) {
      expect(apiError(await anonymousGet(`/api/who-what-where/map?${query}`)), query).toEqual({
        status: 400,
        code,
        paths: [path],
      });
    }
  });

  it('GET /map: one cell per area at each level, a program counted once, its budget split over villages and years', async () => {
    const { issue, cash } = await arrange();
    const q = `issue=${issue}`;
    expect(await map(q)).toEqual({
      level: 'regency',
      year: null,
      cells: [cell('52.01', 1, 1, 300, 0), cell('52.03', 1, 2, 1_000_001, 1_000_001, 11)],
      max: { programs: 1, organisations: 2, budgetPlanned: 1_000_001 },
    });
    expect((await map(`${q}&level=district`)).cells).toEqual([
      cell('52.01.02', 1, 1, 300, 0),
      cell('52.03.01', 1, 2, 500_001, 500_001, 6),
      cell('52.03.02', 1, 2, 500_000, 500_000, 5),
    ]);
    expect((await map(`${q}&level=village`)).cells).toEqual([
      cell('52.01.02.2001', 1, 1, 300, 0),
      cell('52.03.01.2001', 1, 2, 500_001, 500_001, 6),
      cell('52.03.02.2001', 1, 2, 500_000, 500_000, 5),
    ]);
    // 500,001 over 2025 and 2026 is 250,001 + 250,000; the cash program runs in 2026 only.
    expect((await map(`${q}&level=village&year=2025`)).cells).toEqual([
      cell('52.03.01.2001', 1, 2, 250_001, 250_001, 3),
      cell('52.03.02.2001', 1, 2, 250_000, 250_000, 3),
    ]);
    expect(await map(`${q}&year=2026`)).toMatchObject({
      year: 2026,
      cells: [cell('52.01', 1, 1, 300, 0), cell('52.03', 1, 2, 500_000, 500_000, 5)],
    });
    expect((await map(`${q}&year=2027`)).cells).toEqual([]);
    // Filters: status (cancelled only when asked), owner type, modality, area.
    expect((await map(`${q}&status=cancelled`)).cells).toEqual([cell('52.03', 1, 1, 50, 0)]);
    expect((await map(`${q}&status=planned,cancelled`)).cells).toEqual([
      cell('52.03', 2, 2, 1_000_051, 1_000_001, 11),
    ]);
    expect((await map(`${q}&orgType=private_company`)).cells).toEqual([cell('52.01', 1, 1, 300, 0)]);
    expect((await map(`${q}&modality=training,infrastructure`)).cells).toEqual([
      cell('52.03', 1, 2, 1_000_001, 1_000_001, 11),
    ]);
    expect(
      (await map(`${q}&level=district&area=52.03`)).cells.map((c: { areaCode: string }) => c.areaCode),
    ).toEqual(['52.03.01', '52.03.02']);

    // A status change shows on the next request (the cache follows the facts version).
    const cancelled = await admin.post(`/api/programs/${cash.id}/status`, {
      status: 'cancelled',
      version: cash.version,
    });
    expect(cancelled.statusCode).toBe(200);
    expect((await map(q)).cells.map((c: { areaCode: string }) => c.areaCode)).toEqual(['52.03']);
  });

  it('GET /dashboard: totals and breakdowns of the same programs; 400 per invalid parameter', async () => {
    for (const [query, path] of [
      ['level=regency', 'querystring'],
      ['status=draft', 'querystring.status.0'],
      ['year=2040', 'querystring.year'],
    ] as const) {
      expect(apiError(await anonymousGet(`/api/who-what-where/dashboard?${query}`)), query).toEqual({
        status: 400,
        code: 'VALIDATION_FAILED',
        paths: [path],
      });
    }
    const { issue, ngo, company } = await arrange();
    const response = await anonymousGet(`/api/who-what-where/dashboard?issue=${issue}`);
    expect(response.statusCode).toBe(200);
    const dashboard = response.json();
    expect(dashboard.year).toBeNull();
    expect(dashboard.totals).toEqual({
      programs: 2,
      programsWithoutBudget: 0,
      organisations: 3,
      villages: 3,
      budgetPlanned: 1_000_301,
      budgetRealised: 11,
      productiveBudget: 1_000_001,
      productiveShare: 1_000_001 / 1_000_301,
      targetHouseholds: 9,
      reachedHouseholds: 0,
    });
    expect(dashboard.byIssue).toEqual([
      { key: issue, programs: 2, budgetPlanned: 1_000_301, productiveBudget: 1_000_001 },
      { key: 'tengkes', programs: 1, budgetPlanned: 1_000_001, productiveBudget: 1_000_001 },
    ]);
    expect(dashboard.byOrganisationType).toEqual([
      { key: 'ngo', programs: 1, budgetPlanned: 1_000_001, productiveBudget: 1_000_001 },
      { key: 'private_company', programs: 1, budgetPlanned: 300, productiveBudget: 0 },
    ]);
    expect(dashboard.byModality.map((b: { key: string }) => b.key)).toEqual(['training', 'cash']);
    expect(dashboard.byStatus).toEqual([
      { key: 'planned', programs: 1, budgetPlanned: 1_000_001, productiveBudget: 1_000_001 },
      { key: 'active', programs: 1, budgetPlanned: 300, productiveBudget: 0 },
    ]);
    expect(dashboard.byYear).toEqual([
      { year: 2025, programs: 1, budgetPlanned: 500_001, productiveBudget: 500_001, consumptiveBudget: 0 },
      { year: 2026, programs: 2, budgetPlanned: 500_300, productiveBudget: 500_000, consumptiveBudget: 300 },
    ]);
    expect(dashboard.topContributors).toEqual([
      {
        organisation: { id: ngo, name: expect.stringMatching(/^Alfa Peta/), type: 'ngo' },
        programs: 1,
        budgetPlanned: 1_000_001,
      },
      {
        organisation: { id: company, name: expect.stringMatching(/^Bravo Peta/), type: 'private_company' },
        programs: 1,
        budgetPlanned: 300,
      },
    ]);
    const in2025 = (await anonymousGet(`/api/who-what-where/dashboard?issue=${issue}&year=2025`)).json();
    expect(in2025.totals).toMatchObject({
      programs: 1,
      organisations: 2,
      villages: 2,
      budgetPlanned: 500_001,
    });
    const lombokBarat = (
      await anonymousGet(`/api/who-what-where/dashboard?issue=${issue}&area=52.01`)
    ).json();
    expect(lombokBarat.totals).toMatchObject({
      programs: 1,
      organisations: 1,
      villages: 1,
      budgetPlanned: 300,
    });
    // A coordinator of Lombok Timur sees Lombok Timur's share only, whatever area they ask for.
    const scoped = (await lotimCoordinator.get(`/api/who-what-where/dashboard?issue=${issue}`)).json();
    expect(scoped.totals).toMatchObject({ programs: 1, budgetPlanned: 1_000_001 });
    const outside = (
      await lotimCoordinator.get(`/api/who-what-where/dashboard?issue=${issue}&area=52.01`)
    ).json();
    expect(outside.totals).toMatchObject({ programs: 0, budgetPlanned: 0 });
  });

  it('GET /areas/:code: 400 → 404 → what happens in the area and who does it', async () => {
    expect(apiError(await anonymousGet('/api/who-what-where/areas/52.3'))).toMatchObject({
      status: 400,
      code: 'AREA_CODE_MALFORMED',
    });
    expect(apiError(await anonymousGet('/api/who-what-where/areas/52.03?level=village'))).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      paths: ['querystring'],
    });
    expect(apiError(await anonymousGet('/api/who-what-where/areas/52.99'))).toMatchObject({
      status: 404,
      code: 'AREA_NOT_FOUND',
    });
    const { issue, ngo, university, training, cancelled } = await arrange();
    const response = await anonymousGet(`/api/who-what-where/areas/52.03.01.2001?issue=${issue}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    // The village comes with its kecamatan and kabupaten: village names repeat across NTB.
    expect(body.area).toEqual({
      code: '52.03.01.2001',
      name: 'Tanjung Luar',
      level: 'village',
      ancestors: ['Keruak', 'Kabupaten Lombok Timur'],
    });
    expect(body.totals).toEqual({
      programs: 1,
      programsWithoutBudget: 0,
      organisations: 2,
      budgetPlanned: 500_001,
      budgetRealised: 6,
      productiveBudget: 500_001,
      productiveShare: 1,
    });
    expect(body.programs).toEqual({
      items: [
        expect.objectContaining({
          id: training.id,
          owner: expect.objectContaining({ id: ngo }),
          status: 'planned',
          budgetInArea: 500_001,
          issues: [issue, 'tengkes'].sort(),
        }),
      ],
      page: { limit: 50, offset: 0, total: 1 },
    });
    expect(body.organisations.map((o: { id: string }) => o.id).sort()).toEqual([ngo, university].sort());
    const withCancelled = (
      await anonymousGet(
        `/api/who-what-where/areas/52.03.01.2001?issue=${issue}&status=cancelled,planned&year=2025`,
      )
    ).json();
    expect(withCancelled.totals).toMatchObject({ programs: 2, budgetPlanned: 250_001 + 50 });
    expect(withCancelled.programs.items.map((p: { id: string }) => p.id)).toEqual([
      training.id,
      cancelled.id,
    ]);
    const paged = (
      await anonymousGet(
        `/api/who-what-where/areas/52.03.01?issue=${issue}&status=cancelled,planned&limit=1&offset=1`,
      )
    ).json();
    expect(paged.programs).toEqual({
      items: [expect.objectContaining({ id: cancelled.id, budgetInArea: 50 })],
      page: { limit: 1, offset: 1, total: 2 },
    });
  });
});
