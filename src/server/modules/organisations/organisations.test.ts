import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousGet as anonymousGetOf, listedIds, signedInMember } from '../../../../tests/support/api.ts';
import {
  apiError,
  type Client,
  makeOrganisation,
  setVerificationStatus,
} from '../../../../tests/support/factories.ts';
import { createTestApp, type TestContext } from '../../../../tests/support/test-db.ts';
import type { Role } from '../../../shared/roles.ts';
import type { DB } from '../../db/types.ts';

let ctx: TestContext;
let db: Kysely<DB>;
/** Signed-in clients, one per kind of caller; each holds a single membership in its own organisation. */
let admin: Client;
let provinceCoordinator: Client;
let lombokTimurCoordinator: Client;
let viewer: Client;

const clientWith = (role: Role, areaScope: string | null = null) =>
  signedInMember(ctx.app, role, { areaScope });

beforeAll(async () => {
  ctx = await createTestApp();
  db = ctx.database.db;
  admin = (await clientWith('platform_admin')).client;
  provinceCoordinator = (await clientWith('coordinator')).client;
  lombokTimurCoordinator = (await clientWith('coordinator', '52.03')).client;
  viewer = (await clientWith('viewer')).client;
});
afterAll(async () => {
  await ctx?.close();
});

const anonymousGet = (url: string) => anonymousGetOf(ctx.app, url);
/** A name no other organisation in this file resembles. */
const uniqueName = (prefix = 'Yayasan') => `${prefix} ${randomUUID().replaceAll('-', ' ')}`;

/** A minimal valid registration body. */
function newOrganisation(overrides: Record<string, unknown> = {}) {
  return { legalName: uniqueName(), type: 'ngo', areaCode: '52.03', ...overrides };
}

const listIds = (client: Client | null, query: string) =>
  listedIds(ctx.app, client, '/api/organisations', query);

async function organisationRow(id: string) {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

async function contactReads(id: string): Promise<number> {
  const rows = await db
    .selectFrom('audit_log')
    .select('id')
    .where('action', '=', 'read_personal')
    .where('entity_type', '=', 'organisation.contacts')
    .where('entity_id', '=', id)
    .execute();
  return rows.length;
}

describe('GET /api/organisations', () => {
  it('refuses each invalid parameter with its path (400)', async () => {
    const cases: Array<[string, string, string]> = [
      ['limit=0', 'VALIDATION_FAILED', 'querystring.limit'],
      ['limit=201', 'VALIDATION_FAILED', 'querystring.limit'],
      ['offset=-1', 'VALIDATION_FAILED', 'querystring.offset'],
      ['type=club', 'VALIDATION_FAILED', 'querystring.type'],
      ['issue=Tengkes!', 'VALIDATION_FAILED', 'querystring.issue'],
      ['area=52.3', 'AREA_CODE_MALFORMED', 'querystring.area'],
      ['offer=cash', 'VALIDATION_FAILED', 'querystring.offer'],
      ['verification=maybe', 'VALIDATION_FAILED', 'querystring.verification'],
      ['sort=random', 'VALIDATION_FAILED', 'querystring.sort'],
      ['q=', 'VALIDATION_FAILED', 'querystring.q'],
      ['owner=me', 'VALIDATION_FAILED', 'querystring'],
    ];
    for (const [query, code, path] of cases) {
      const response = await anonymousGet(`/api/organisations?${query}`);
      expect(apiError(response), query).toEqual({ status: 400, code, paths: [path] });
    }
  });

  it('shows anonymous visitors verified organisations only; signed-in users all of them', async () => {
    const verified = await makeOrganisation(db);
    await setVerificationStatus(db, verified, 'verified');
    const unverified = await makeOrganisation(db);
    const rejected = await makeOrganisation(db);
    await setVerificationStatus(db, rejected, 'rejected');
    const publicIds = await listIds(null, '');
    expect(publicIds).toContain(verified);
    expect(publicIds).not.toContain(unverified);
    expect(publicIds).not.toContain(rejected);
    const anonymousList = (await anonymousGet('/api/organisations?limit=200')).json();
    expect(
      anonymousList.items.every((o: { verificationStatus: string }) => o.verificationStatus === 'verified'),
    ).toBe(true);
    expect(await listIds(viewer, '')).toEqual(expect.arrayContaining([verified, unverified, rejected]));
  });

  it('filters by type, issue, area (seat or coverage), offer, verification and text', async () => {
    const marker = `zamrud${randomUUID().slice(0, 6)}`;
    const university = await makeOrganisation(db, {
      legalName: `Universitas ${marker} Keruak`,
      type: 'university',
      issues: ['tengkes'],
      areaCode: '52.03.01',
      offers: ['funds', 'expertise'],
    });
    await setVerificationStatus(db, university, 'verified');
    const mataramNgo = await makeOrganisation(db, {
      type: 'ngo',
      issues: ['lansia'],
      areaCode: '52.71',
      coverageAreas: ['52.03.01.2002'],
      offers: ['volunteers'],
    });
    const bimaMedia = await makeOrganisation(db, {
      shortName: `${marker.toUpperCase()} FM`,
      type: 'media',
      areaCode: '52.06',
      offers: ['media_reach'],
    });
    await setVerificationStatus(db, bimaMedia, 'rejected');
    const lombokBaratCoveringLotim = await makeOrganisation(db, {
      type: 'philanthropy',
      areaCode: '52.01',
      coverageAreas: ['52.03'],
    });
    const mine = [university, mataramNgo, bimaMedia, lombokBaratCoveringLotim];
    const found = async (query: string) =>
      (await listIds(admin, query)).filter((id) => mine.includes(id)).sort();
    const expected = (...ids: string[]) => [...ids].sort();

    expect(await found('type=university')).toEqual([university]);
    expect(await found('type=media')).toEqual([bimaMedia]);
    expect(await found('issue=tengkes')).toEqual([university]);
    expect(await found('issue=lansia')).toEqual([mataramNgo]);
    // Seat inside the area, coverage inside it, or coverage of an area containing it.
    expect(await found('area=52.03')).toEqual(expected(university, mataramNgo, lombokBaratCoveringLotim));
    expect(await found('area=52.03.01.2002')).toEqual(expected(mataramNgo, lombokBaratCoveringLotim));
    expect(await found('area=52.71')).toEqual([mataramNgo]);
    expect(await found('area=52.06')).toEqual([bimaMedia]);
    expect(await found('offer=funds')).toEqual([university]);
    expect(await found('offer=media_reach')).toEqual([bimaMedia]);
    expect(await found('verification=verified')).toEqual([university]);
    expect(await found('verification=rejected')).toEqual([bimaMedia]);
    expect(await found('verification=unverified')).toEqual(expected(mataramNgo, lombokBaratCoveringLotim));
    // Text matches the legal name or the short name, case-insensitively.
    expect(await found(`q=${marker.toUpperCase()}`)).toEqual(expected(university, bimaMedia));
    expect(await found(`type=university&area=52.71`)).toEqual([]);
    // Anonymous visitors get the same filters over verified organisations only.
    expect((await listIds(null, 'area=52.03')).filter((id) => mine.includes(id))).toEqual([university]);
  });

  it('pages with a total that ignores paging', async () => {
    const marker = `kenari${randomUUID().slice(0, 6)}`;
    for (let i = 0; i < 3; i += 1) await makeOrganisation(db, { legalName: `Lembaga ${marker} ${i}` });
    const first = (await admin.get(`/api/organisations?q=${marker}&limit=2`)).json();
    const second = (await admin.get(`/api/organisations?q=${marker}&limit=2&offset=2`)).json();
    expect(first.page).toEqual({ limit: 2, offset: 0, total: 3 });
    expect(first.items).toHaveLength(2);
    expect(second.items).toHaveLength(1);
  });
});

describe('GET /api/organisations/similar', () => {
  it('401 → 400 → similar names with their similarity', async () => {
    const response = await anonymousGet('/api/organisations/similar?name=ab');
    expect(apiError(response)).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    for (const [query, path] of [
      ['name=ab', 'querystring.name'],
      ['', 'querystring.name'],
      ['name=abc&type=ngo', 'querystring'],
    ] as const) {
      expect(apiError(await viewer.get(`/api/organisations/similar?${query}`)), query).toEqual({
        status: 400,
        code: 'VALIDATION_FAILED',
        paths: [path],
      });
    }
    const id = await makeOrganisation(db, { legalName: 'Yayasan Pelangi Senja Sembalun' });
    const { items } = (await viewer.get('/api/organisations/similar?name=Yayasan%20Pelangi%20Senja')).json();
    const match = items.find((o: { id: string }) => o.id === id);
    expect(match?.similarity).toBeGreaterThanOrEqual(0.5);
    expect(match?.similarity).toBeLessThanOrEqual(1);
    const none = (await viewer.get('/api/organisations/similar?name=qwxzv%20plmokn')).json();
    expect(none.items).toEqual([]);
  });
});

describe('GET /api/organisations/:id', () => {
  const contacts = [{ name: 'Baiq Rahmawati', position: 'Ketua', phone: '0812 3456 7890' }];

  it('400 for a malformed id, 404 for an unknown one or an unverified one seen anonymously', async () => {
    expect(apiError(await anonymousGet('/api/organisations/123'))).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      paths: ['params.id'],
    });
    expect(apiError(await viewer.get(`/api/organisations/${randomUUID()}`))).toMatchObject({
      status: 404,
      code: 'ORGANISATION_NOT_FOUND',
    });
    const unverified = await makeOrganisation(db);
    expect(apiError(await anonymousGet(`/api/organisations/${unverified}`))).toMatchObject({
      status: 404,
      code: 'ORGANISATION_NOT_FOUND',
    });
  });

  it('hides contact persons from anonymous visitors and leaves no audit entry', async () => {
    const id = await makeOrganisation(db, { contacts });
    await setVerificationStatus(db, id, 'verified');
    const response = await anonymousGet(`/api/organisations/${id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id, contacts: [], canEdit: false });
    expect(response.body).not.toContain('Baiq Rahmawati');
    expect(await contactReads(id)).toBe(0);
  });

  it('shows signed-in users the contacts and records every such read', async () => {
    const id = await makeOrganisation(db, { contacts });
    for (let read = 1; read <= 2; read += 1) {
      const response = await viewer.get(`/api/organisations/${id}`);
      expect(response.json().contacts).toEqual([expect.objectContaining({ name: 'Baiq Rahmawati' })]);
      expect(await contactReads(id)).toBe(read);
    }
    const [entry] = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'organisation.contacts')
      .where('entity_id', '=', id)
      .execute();
    // The entry says what was read, not the values.
    expect(entry?.after).toEqual({ fields: ['contacts'], count: 1 });
    expect(JSON.stringify(entry)).not.toContain('Baiq');
    // Reading an organisation without contacts is not a read of personal data.
    const without = await makeOrganisation(db);
    await viewer.get(`/api/organisations/${without}`);
    expect(await contactReads(without)).toBe(0);
  });
});

describe('POST /api/organisations', () => {
  it('401 for anonymous callers, before the body is looked at', async () => {
    const response = await ctx.app.inject({ method: 'POST', url: '/api/organisations', payload: {} });
    expect(apiError(response)).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('refuses each invalid field with its path (400)', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [newOrganisation({ legalName: 'AB' }), 'VALIDATION_FAILED', 'body.legalName'],
      [newOrganisation({ legalName: undefined }), 'VALIDATION_FAILED', 'body.legalName'],
      [newOrganisation({ type: 'club' }), 'VALIDATION_FAILED', 'body.type'],
      [newOrganisation({ areaCode: '52.3' }), 'AREA_CODE_MALFORMED', 'body.areaCode'],
      [newOrganisation({ coverageAreas: ['52.03', 'x'] }), 'AREA_CODE_MALFORMED', 'body.coverageAreas.1'],
      [newOrganisation({ issues: ['Tengkes!'] }), 'VALIDATION_FAILED', 'body.issues.0'],
      [newOrganisation({ offers: ['cash'] }), 'VALIDATION_FAILED', 'body.offers.0'],
      [newOrganisation({ website: 'ftp://example.org' }), 'VALIDATION_FAILED', 'body.website'],
      [newOrganisation({ key: 'A B' }), 'VALIDATION_FAILED', 'body.key'],
      [newOrganisation({ parentId: 'parent' }), 'VALIDATION_FAILED', 'body.parentId'],
      [newOrganisation({ contacts: [{ name: 'B' }] }), 'VALIDATION_FAILED', 'body.contacts.0.name'],
      [
        newOrganisation({ contacts: [{ name: 'Baiq', phone: 'call me' }] }),
        'VALIDATION_FAILED',
        'body.contacts.0.phone',
      ],
      [newOrganisation({ verified: true }), 'VALIDATION_FAILED', 'body'],
      // Government agencies and LKKS chapters sit at a level; others do not.
      [newOrganisation({ type: 'government' }), 'VALIDATION_FAILED', 'body.level'],
      [newOrganisation({ type: 'lkks' }), 'VALIDATION_FAILED', 'body.level'],
      [newOrganisation({ type: 'ngo', level: 'province' }), 'VALIDATION_FAILED', 'body.level'],
      // Well-formed references that do not exist.
      [newOrganisation({ areaCode: '52.99' }), 'VALIDATION_FAILED', 'body.areaCode'],
      [newOrganisation({ coverageAreas: ['52.03', '52.98'] }), 'VALIDATION_FAILED', 'body.coverageAreas.1'],
      [newOrganisation({ issues: ['tengkes', 'tidak_ada'] }), 'VALIDATION_FAILED', 'body.issues.1'],
      [newOrganisation({ parentId: randomUUID() }), 'VALIDATION_FAILED', 'body.parentId'],
    ];
    for (const [payload, code, path] of cases) {
      const response = await admin.post('/api/organisations', payload);
      expect(apiError(response), path).toEqual({ status: 400, code, paths: [path] });
    }
  });

  it('403 for roles that do not register organisations', async () => {
    const input = newOrganisation();
    for (const role of ['viewer', 'field_facilitator', 'auditor'] as const) {
      const { client } = await clientWith(role);
      expect(apiError(await client.post('/api/organisations', input)), role).toMatchObject({
        status: 403,
        code: 'FORBIDDEN',
      });
    }
    const created = await db
      .selectFrom('organisations')
      .select('id')
      .where('legal_name', '=', input.legalName)
      .execute();
    expect(created).toEqual([]);
  });

  it('warns about similar names (409 with the names) and creates once confirmed', async () => {
    const existing = await makeOrganisation(db, { legalName: 'Yayasan Cahaya Rinjani Lestari' });
    const input = newOrganisation({ legalName: 'Yayasan Cahaya Rinjani Lestari NTB' });
    const warned = await provinceCoordinator.post('/api/organisations', input);
    expect(apiError(warned)).toMatchObject({ status: 409, code: 'ORGANISATION_POSSIBLE_DUPLICATE' });
    expect(warned.json().error.details).toEqual([
      { path: 'body.legalName', message: 'Yayasan Cahaya Rinjani Lestari', code: existing },
    ]);
    const confirmed = await provinceCoordinator.post('/api/organisations', {
      ...input,
      confirmDuplicate: true,
    });
    expect(confirmed.statusCode).toBe(201);
    expect(confirmed.json().legalName).toBe('Yayasan Cahaya Rinjani Lestari NTB');
  });

  it('refuses a key that is taken (409)', async () => {
    const key = `kunci-${randomUUID().slice(0, 8)}`;
    expect((await admin.post('/api/organisations', newOrganisation({ key }))).statusCode).toBe(201);
    const again = await admin.post('/api/organisations', newOrganisation({ key }));
    expect(apiError(again)).toEqual({ status: 409, code: 'ORGANISATION_KEY_TAKEN', paths: ['body.key'] });
  });

  it('registers an organisation for an editor’s organisation, with links and an audit entry', async () => {
    const editor = await clientWith('org_editor');
    const parent = await makeOrganisation(db, { type: 'lkks', level: 'province', areaCode: '52' });
    const input = newOrganisation({
      type: 'lkks',
      level: 'regency',
      parentId: parent,
      issues: ['tengkes', 'lansia'],
      coverageAreas: ['52.03.01', '52.03.02'],
      offers: ['volunteers'],
      contacts: [{ name: 'Lalu Hamdi', phone: '+62 812 1111 2222' }],
      website: 'https://lkks-lotim.example.org',
    });
    const response = await editor.client.post('/api/organisations', input);
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      legalName: input.legalName,
      type: 'lkks',
      level: 'regency',
      areaCode: '52.03',
      areaName: 'Kabupaten Lombok Timur',
      issues: ['lansia', 'tengkes'],
      offers: ['volunteers'],
      verificationStatus: 'unverified',
      parent: { id: parent },
      version: 1,
      canEdit: true,
    });
    expect(body.coverageAreas.map((c: { code: string }) => c.code)).toEqual(['52.03.01', '52.03.02']);
    expect(body.contacts).toEqual([expect.objectContaining({ name: 'Lalu Hamdi' })]);
    expect((await organisationRow(body.id)).registered_by_org_id).toBe(editor.orgId);
    const entry = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'create')
      .where('entity_id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(entry.actor_user_id).toBe(editor.user.id);
    expect(entry.after).toMatchObject({
      legalName: input.legalName,
      contacts: expect.stringMatching(/^1 contact\(s\), fingerprint [0-9a-f]{12}$/),
    });
    expect(JSON.stringify(entry.after)).not.toContain('Hamdi');
  });
});

describe('PATCH /api/organisations/:id', () => {
  it('401 → 400 per invalid field → 404 unknown', async () => {
    const id = await makeOrganisation(db);
    const anonymous = await ctx.app.inject({ method: 'PATCH', url: `/api/organisations/${id}`, payload: {} });
    expect(apiError(anonymous)).toMatchObject({ status: 401 });
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ legalName: 'Nama Baru Sekali' }, 'VALIDATION_FAILED', 'body.version'],
      [{ version: 0 }, 'VALIDATION_FAILED', 'body.version'],
      [{ version: 1, legalName: 'AB' }, 'VALIDATION_FAILED', 'body.legalName'],
      [{ version: 1, type: 'club' }, 'VALIDATION_FAILED', 'body.type'],
      [{ version: 1, areaCode: '5203' }, 'AREA_CODE_MALFORMED', 'body.areaCode'],
      [{ version: 1, verificationStatus: 'verified' }, 'VALIDATION_FAILED', 'body'],
      [{ version: 1, areaCode: '52.99' }, 'VALIDATION_FAILED', 'body.areaCode'],
      [{ version: 1, issues: ['tidak_ada'] }, 'VALIDATION_FAILED', 'body.issues.0'],
      [{ version: 1, parentId: id }, 'VALIDATION_FAILED', 'body.parentId'],
      [{ version: 1, parentId: randomUUID() }, 'VALIDATION_FAILED', 'body.parentId'],
      // Changing the type to one with levels needs a level (checked on the merged record).
      [{ version: 1, type: 'government' }, 'VALIDATION_FAILED', 'body.level'],
    ];
    for (const [payload, code, path] of cases) {
      const response = await admin.patch(`/api/organisations/${id}`, payload);
      expect(apiError(response), JSON.stringify(payload)).toEqual({ status: 400, code, paths: [path] });
    }
    expect((await organisationRow(id)).version).toBe(1);
    expect(apiError(await admin.patch(`/api/organisations/${randomUUID()}`, { version: 1 }))).toMatchObject({
      status: 404,
      code: 'ORGANISATION_NOT_FOUND',
    });
  });

  it('lets an org editor edit their own organisation and those it registered, not others (403)', async () => {
    const editor = await clientWith('org_editor');
    const registered = (await editor.client.post('/api/organisations', newOrganisation())).json().id;
    const other = await makeOrganisation(db);
    expect(apiError(await viewer.patch(`/api/organisations/${other}`, { version: 1 }))).toMatchObject({
      status: 403,
    });
    const refused = await editor.client.patch(`/api/organisations/${other}`, {
      version: 1,
      description: 'diubah',
    });
    expect(apiError(refused)).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect((await organisationRow(other)).description).toBeNull();
    expect((await editor.client.get(`/api/organisations/${other}`)).json().canEdit).toBe(false);

    for (const id of [editor.orgId, registered]) {
      const response = await editor.client.patch(`/api/organisations/${id}`, {
        version: 1,
        description: 'Diperbarui oleh editor',
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({
        description: 'Diperbarui oleh editor',
        version: 2,
        canEdit: true,
      });
    }
  });

  it('answers a stale version with 409 VERSION_CONFLICT and changes nothing', async () => {
    const id = await makeOrganisation(db);
    expect(
      (await admin.patch(`/api/organisations/${id}`, { version: 1, address: 'Jl. Pertama' })).statusCode,
    ).toBe(200);
    const stale = await provinceCoordinator.patch(`/api/organisations/${id}`, {
      version: 1,
      address: 'Jl. Kedua',
    });
    expect(apiError(stale)).toMatchObject({ status: 409, code: 'VERSION_CONFLICT' });
    expect(await organisationRow(id)).toMatchObject({ address: 'Jl. Pertama', version: 2 });
  });

  it('changes only the fields sent: lists left out keep their values', async () => {
    const id = await makeOrganisation(db, {
      issues: ['tengkes'],
      coverageAreas: ['52.03.01'],
      offers: ['funds'],
      contacts: [{ name: 'Baiq Sari' }],
    });
    const response = await admin.patch(`/api/organisations/${id}`, { version: 1, shortName: 'YUS' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      shortName: 'YUS',
      issues: ['tengkes'],
      offers: ['funds'],
      contacts: [expect.objectContaining({ name: 'Baiq Sari' })],
      coverageAreas: [expect.objectContaining({ code: '52.03.01' })],
    });
    const cleared = await admin.patch(`/api/organisations/${id}`, { version: 2, issues: [] });
    expect(cleared.json().issues).toEqual([]);
    const entry = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'update')
      .where('entity_id', '=', id)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    expect(entry.before).toMatchObject({ shortName: null });
    expect(entry.after).toMatchObject({ shortName: 'YUS', issues: ['tengkes'] });
  });
});

describe('an edit of a verified organisation’s legal fields', () => {
  it('returns it to review when an editor changes its legal name, type, level or seat', async () => {
    const changes: Array<Record<string, unknown>> = [
      { legalName: uniqueName('Yayasan Baru') },
      { type: 'philanthropy' },
      { areaCode: '52.03.01' },
    ];
    for (const change of changes) {
      const editor = await clientWith('org_editor');
      await setVerificationStatus(db, editor.orgId, 'verified');
      const response = await editor.client.patch(`/api/organisations/${editor.orgId}`, {
        ...change,
        version: 1,
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().verificationStatus, JSON.stringify(change)).toBe('unverified');
      const entry = await db
        .selectFrom('audit_log')
        .select(['before', 'after'])
        .where('entity_id', '=', editor.orgId)
        .where('action', '=', 'update')
        .executeTakeFirstOrThrow();
      expect(entry.before).toMatchObject({ verificationStatus: 'verified' });
      expect(entry.after).toMatchObject({ verificationStatus: 'unverified' });
      // Visitors no longer see it until a coordinator verifies it again.
      expect((await anonymousGet(`/api/organisations/${editor.orgId}`)).statusCode).toBe(404);
    }
  });

  it('keeps it verified for other fields, and for a coordinator of its area (whose edit is the review)', async () => {
    const editor = await clientWith('org_editor');
    await setVerificationStatus(db, editor.orgId, 'verified');
    const described = await editor.client.patch(`/api/organisations/${editor.orgId}`, {
      description: 'Kegiatan terbaru',
      shortName: 'YBR',
      website: 'https://contoh.or.id',
      version: 1,
    });
    expect(described.json().verificationStatus).toBe('verified');
    const renamed = await lombokTimurCoordinator.patch(`/api/organisations/${editor.orgId}`, {
      legalName: uniqueName('Yayasan Ganti Nama'),
      version: 2,
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json().verificationStatus).toBe('verified');
    // A coordinator moving it out of their area into one they do not coordinate cannot do so anyway (403);
    // a province coordinator moving it keeps it verified.
    const moved = await provinceCoordinator.patch(`/api/organisations/${editor.orgId}`, {
      areaCode: '52.71',
      version: 3,
    });
    expect(moved.json().verificationStatus).toBe('verified');
  });
});

describe('POST /api/organisations/:id/verification', () => {
  it('401 → 400 per invalid field → 403 → 404 → verified, then a stale version is a conflict', async () => {
    const id = await makeOrganisation(db);
    const url = `/api/organisations/${id}/verification`;
    const anonymous = await ctx.app.inject({ method: 'POST', url, payload: {} });
    expect(apiError(anonymous)).toMatchObject({ status: 401 });
    for (const [payload, path] of [
      [{ status: 'approved', version: 1 }, 'body.status'],
      [{ status: 'verified' }, 'body.version'],
      [{ status: 'verified', version: 1, note: 'ok' }, 'body'],
    ] as const) {
      expect(apiError(await provinceCoordinator.post(url, payload)), path).toEqual({
        status: 400,
        code: 'VALIDATION_FAILED',
        paths: [path],
      });
    }
    const editor = await clientWith('org_editor');
    expect(apiError(await editor.client.post(url, { status: 'verified', version: 1 }))).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
    });
    expect(
      apiError(
        await provinceCoordinator.post(`/api/organisations/${randomUUID()}/verification`, {
          status: 'verified',
          version: 1,
        }),
      ),
    ).toMatchObject({ status: 404, code: 'ORGANISATION_NOT_FOUND' });
    expect((await anonymousGet(`/api/organisations/${id}`)).statusCode).toBe(404);

    const response = await provinceCoordinator.post(url, { status: 'verified', version: 1 });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ verificationStatus: 'verified', version: 2 });
    expect((await anonymousGet(`/api/organisations/${id}`)).statusCode).toBe(200);
    const stale = await admin.post(url, { status: 'rejected', version: 1 });
    expect(apiError(stale)).toMatchObject({ status: 409, code: 'VERSION_CONFLICT' });
    expect((await organisationRow(id)).verification_status).toBe('verified');
    const entry = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'verify')
      .where('entity_id', '=', id)
      .executeTakeFirstOrThrow();
    expect([entry.before, entry.after]).toEqual([
      { verificationStatus: 'unverified' },
      { verificationStatus: 'verified' },
    ]);
  });
});

describe('the issue taxonomy', () => {
  const issueCode = () => `isu_${randomUUID().slice(0, 8).replaceAll('-', '')}`;
  const newIssue = (overrides: Record<string, unknown> = {}) => ({
    code: issueCode(),
    nameId: 'Isu uji',
    nameEn: 'Test issue',
    ...overrides,
  });

  it('GET /api/issues: 400 per invalid parameter, then the active issues in order', async () => {
    for (const [query, path] of [
      ['includeInactive=maybe', 'querystring.includeInactive'],
      ['lang=en', 'querystring'],
    ] as const) {
      expect(apiError(await anonymousGet(`/api/issues?${query}`)), query).toEqual({
        status: 400,
        code: 'VALIDATION_FAILED',
        paths: [path],
      });
    }
    const { items } = (await anonymousGet('/api/issues')).json();
    expect(items.find((i: { code: string }) => i.code === 'tengkes')).toMatchObject({
      nameId: 'Tengkes (stunting)',
      nameEn: 'Stunting',
      active: true,
    });
    const orders = items.map((i: { sortOrder: number }) => i.sortOrder);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
  });

  it('POST /api/issues: 401 → 400 per invalid field → 403 (incl. area-scoped coordinators) → 201 → 409', async () => {
    const anonymous = await ctx.app.inject({ method: 'POST', url: '/api/issues', payload: {} });
    expect(apiError(anonymous)).toMatchObject({ status: 401 });
    const cases: Array<[Record<string, unknown>, string]> = [
      [newIssue({ code: 'Bad Code' }), 'body.code'],
      [newIssue({ nameId: 'x' }), 'body.nameId'],
      [newIssue({ nameEn: undefined }), 'body.nameEn'],
      [newIssue({ sortOrder: 5000 }), 'body.sortOrder'],
      [newIssue({ descriptionId: 'x'.repeat(1001) }), 'body.descriptionId'],
      [newIssue({ active: false }), 'body'],
    ];
    for (const [payload, path] of cases) {
      expect(apiError(await provinceCoordinator.post('/api/issues', payload)), path).toEqual({
        status: 400,
        code: 'VALIDATION_FAILED',
        paths: [path],
      });
    }
    const input = newIssue();
    for (const client of [viewer, (await clientWith('org_admin')).client, lombokTimurCoordinator]) {
      expect(apiError(await client.post('/api/issues', input))).toMatchObject({
        status: 403,
        code: 'FORBIDDEN',
      });
    }
    expect(await db.selectFrom('issues').select('code').where('code', '=', input.code).execute()).toEqual([]);
    const created = await provinceCoordinator.post('/api/issues', { ...input, sortOrder: 5 });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({
      code: input.code,
      nameId: 'Isu uji',
      nameEn: 'Test issue',
      descriptionId: null,
      descriptionEn: null,
      sortOrder: 5,
      active: true,
    });
    const again = await admin.post('/api/issues', input);
    expect(apiError(again)).toEqual({ status: 409, code: 'ISSUE_EXISTS', paths: ['body.code'] });
  });

  it('PATCH /api/issues/:code: 401 → 400 → 403 for area-scoped coordinators → 404 → retire', async () => {
    const { code } = (await admin.post('/api/issues', newIssue())).json();
    const url = `/api/issues/${code}`;
    const anonymous = await ctx.app.inject({ method: 'PATCH', url, payload: {} });
    expect(apiError(anonymous)).toMatchObject({ status: 401 });
    expect(apiError(await admin.patch('/api/issues/Bad!', { active: false }))).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      paths: ['params.code'],
    });
    for (const [payload, path] of [
      [{ active: 'no' }, 'body.active'],
      [{ nameEn: 'x' }, 'body.nameEn'],
      [{ code: 'lain' }, 'body'],
    ] as const) {
      expect(apiError(await admin.patch(url, payload)), path).toEqual({
        status: 400,
        code: 'VALIDATION_FAILED',
        paths: [path],
      });
    }
    expect(apiError(await lombokTimurCoordinator.patch(url, { active: false }))).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
    });
    expect(apiError(await viewer.patch(url, { active: false }))).toMatchObject({ status: 403 });
    expect(apiError(await admin.patch('/api/issues/tidak_ada_isu', { active: false }))).toMatchObject({
      status: 404,
      code: 'ISSUE_NOT_FOUND',
    });

    const retired = await provinceCoordinator.patch(url, { active: false, nameId: 'Isu lama' });
    expect(retired.statusCode).toBe(200);
    expect(retired.json()).toMatchObject({ code, active: false, nameId: 'Isu lama' });
    const codes = async (query: string) =>
      (await anonymousGet(`/api/issues${query}`)).json().items.map((i: { code: string }) => i.code);
    expect(await codes('')).not.toContain(code);
    expect(await codes('?includeInactive=true')).toContain(code);
    // A retired issue can no longer be given to an organisation.
    const refused = await admin.post('/api/organisations', newOrganisation({ issues: [code] }));
    expect(apiError(refused)).toEqual({ status: 400, code: 'VALIDATION_FAILED', paths: ['body.issues.0'] });
  });
});

describe('parents and the audit fingerprint of contacts', () => {
  it('refuses a parent that would make a cycle (A → B → A)', async () => {
    const a = await makeOrganisation(db);
    const b = await makeOrganisation(db, { parentId: a });
    const current = (await admin.get(`/api/organisations/${a}`)).json();
    const response = await admin.patch(`/api/organisations/${a}`, { parentId: b, version: current.version });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual([
      expect.objectContaining({ path: 'body.parentId', code: 'invalid_parent' }),
    ]);
    expect((await organisationRow(a)).parent_id).toBeNull();
  });

  it('names a parent only when the caller may see it', async () => {
    const parent = await makeOrganisation(db, { areaCode: '52.71' });
    const child = await makeOrganisation(db, { areaCode: '52.03.01', parentId: parent });
    const scoped = (await lombokTimurCoordinator.get(`/api/organisations/${child}`)).json();
    expect(scoped.parent).toBeNull();
    const full = (await provinceCoordinator.get(`/api/organisations/${child}`)).json();
    expect(full.parent).toMatchObject({ id: parent });
  });

  it('reports a parent the caller may not see exactly like one that does not exist', async () => {
    // Hidden from the Lombok Timur coordinator: seated in Mataram, no coverage in Lombok Timur.
    const hidden = await makeOrganisation(db, { areaCode: '52.71' });
    expect((await lombokTimurCoordinator.get(`/api/organisations/${hidden}`)).statusCode).toBe(404);
    const answers = [];
    for (const parentId of [hidden, randomUUID()]) {
      const created = await lombokTimurCoordinator.post('/api/organisations', newOrganisation({ parentId }));
      const own = await makeOrganisation(db, { areaCode: '52.03.01' });
      const edited = await lombokTimurCoordinator.patch(`/api/organisations/${own}`, {
        parentId,
        version: 1,
      });
      answers.push(
        [created, edited].map((r) => ({ status: r.statusCode, details: r.json().error?.details })),
      );
      expect((await organisationRow(own)).parent_id).toBeNull();
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]?.[0]).toEqual({
      status: 400,
      details: [expect.objectContaining({ path: 'body.parentId', code: 'unknown_parent' })],
    });
    // A parent the coordinator can see is accepted as before.
    const visible = await makeOrganisation(db, { areaCode: '52.03' });
    const ok = await lombokTimurCoordinator.post(
      '/api/organisations',
      newOrganisation({ parentId: visible }),
    );
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('keeps a parent the editor cannot see when they save the form (which showed no parent)', async () => {
    const parent = await makeOrganisation(db, { areaCode: '52.71' });
    const child = await makeOrganisation(db, { areaCode: '52.03.01', parentId: parent });
    const shown = (await lombokTimurCoordinator.get(`/api/organisations/${child}`)).json();
    expect(shown.parent).toBeNull();
    const saved = await lombokTimurCoordinator.patch(`/api/organisations/${child}`, {
      parentId: null,
      description: 'Diperbarui',
      version: shown.version,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().parent).toBeNull();
    expect((await organisationRow(child)).parent_id).toBe(parent);
  });

  it('records that contacts changed without copying them into the audit trail', async () => {
    const id = await makeOrganisation(db, {
      contacts: [{ name: 'Ibu Rahmawati', phone: '+62 812 1111 2222' }],
    });
    const current = (await admin.get(`/api/organisations/${id}`)).json();
    const response = await admin.patch(`/api/organisations/${id}`, {
      contacts: [{ name: 'Ibu Rahmawati', phone: '+62 812 9999 0000' }],
      version: current.version,
    });
    expect(response.statusCode).toBe(200);
    const entry = await db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('entity_id', '=', id)
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    const before = (entry.before as { contacts: string }).contacts;
    const after = (entry.after as { contacts: string }).contacts;
    expect(before).not.toEqual(after);
    expect(JSON.stringify(entry)).not.toContain('Rahmawati');
    expect(JSON.stringify(entry)).not.toContain('9999');
  });
});

describe('a form with several mistakes', () => {
  it('reports a malformed area code together with the other field errors', async () => {
    const response = await admin.post('/api/organisations', {
      legalName: 'X',
      type: 'ngo',
      areaCode: '52.3',
    });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'body.legalName' }),
        expect.objectContaining({ path: 'body.areaCode', code: 'area_code_malformed' }),
      ]),
    );
  });

  it('keeps AREA_CODE_MALFORMED when the area code is the only mistake', async () => {
    const response = await admin.post('/api/organisations', {
      legalName: uniqueName(),
      type: 'ngo',
      areaCode: '52.3',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('AREA_CODE_MALFORMED');
  });
});
