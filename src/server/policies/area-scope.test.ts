/**
 * A kabupaten-scoped coordinator of Lombok Timur (`coordinator`, area scope 52.03)
 * tries to read and change organisations outside 52.03 through every endpoint that
 * reads or writes them. Outside records never appear (detail: 404) and writes are
 * refused (403/404) with the database row left as it was.
 *
 * Decided here: an organisation seated outside 52.03 whose coverage lies inside it is
 * visible (it works in Lombok Timur, so the coordinator needs to know it), but it is not
 * editable or verifiable by them: writes follow the seat.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiError,
  type Client,
  makeOrganisation,
  makeUser,
  sessionFor,
  setVerificationStatus,
} from '../../../tests/support/factories.ts';
import { createTestApp, type TestContext } from '../../../tests/support/test-db.ts';
import type { DB } from '../db/types.ts';
import { inScope } from './actor.ts';

const SCOPE = '52.03';

let ctx: TestContext;
let db: Kysely<DB>;
let lotim: Client;
let lkksLotim: string;
/** Seated inside 52.03. */
let inside: { regency: string; district: string };
/** Seated outside, no coverage inside: must never be seen. */
let outside: { mataram: string; bima: string; province: string; lombokTengah: string };
/** Seated in Mataram (52.71), working in Keruak (52.03.01): visible, not editable. */
let coveringLotim: string;
const names: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestApp();
  db = ctx.database.db;
  const make = async (label: string, input: Parameters<typeof makeOrganisation>[1]) => {
    // This file's database is its own, so plain names are unique here.
    const legalName = label;
    const id = await makeOrganisation(db, { legalName, ...input });
    names[id] = legalName;
    return id;
  };
  const contacts = [{ name: 'Lalu Kontak', phone: '0812 0000 1111' }];
  lkksLotim = await make('LKKS Kabupaten Lombok Timur', { type: 'lkks', level: 'regency', areaCode: SCOPE });
  inside = {
    regency: await make('Yayasan Sasambo Peduli Lotim', { areaCode: SCOPE, issues: ['tengkes'], contacts }),
    district: await make('Koperasi Keruak Sejahtera', { areaCode: '52.03.01', offers: ['funds'] }),
  };
  outside = {
    mataram: await make('Yayasan Sasambo Peduli Mataram', {
      areaCode: '52.71',
      issues: ['tengkes'],
      offers: ['funds'],
      contacts,
    }),
    bima: await make('Forum Anak Bima Bersatu', { areaCode: '52.06', coverageAreas: ['52.72'] }),
    province: await make('LKKS Provinsi Nusa Tenggara Barat', {
      type: 'lkks',
      level: 'province',
      areaCode: '52',
    }),
    lombokTengah: await make('Koperasi Keruak Sejahtera Praya', { areaCode: '52.02', offers: ['funds'] }),
  };
  coveringLotim = await make('Universitas Mataram Mengabdi', {
    type: 'university',
    areaCode: '52.71',
    coverageAreas: ['52.03.01'],
    contacts,
  });
  for (const id of [inside.regency, outside.mataram, outside.province, coveringLotim]) {
    await setVerificationStatus(db, id, 'verified');
  }
  const coordinator = await makeUser(db, [
    { organisationId: lkksLotim, role: 'coordinator', areaScope: SCOPE },
  ]);
  lotim = await sessionFor(ctx.app, coordinator);
});
afterAll(async () => {
  await ctx?.close();
});

const outsideIds = () => Object.values(outside);

/** Organisations seated in 52.03 or covering part of it, straight from the database. */
async function visibleInLotim(): Promise<Set<string>> {
  const rows = await db
    .selectFrom('organisations as o')
    .leftJoin('organisation_coverage as c', 'c.organisation_id', 'o.id')
    .select(['o.id', 'o.area_code', 'c.area_code as covered'])
    .execute();
  return new Set(
    rows
      .filter((r) => inScope(SCOPE, r.area_code) || (r.covered && inScope(SCOPE, r.covered)))
      .map((r) => r.id),
  );
}

/** Everything a write could touch: the row, its issues and its coverage. */
async function snapshot(id: string) {
  const [row, issues, coverage] = await Promise.all([
    db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    db
      .selectFrom('organisation_issues')
      .selectAll()
      .where('organisation_id', '=', id)
      .orderBy('issue_code')
      .execute(),
    db
      .selectFrom('organisation_coverage')
      .selectAll()
      .where('organisation_id', '=', id)
      .orderBy('area_code')
      .execute(),
  ]);
  return { row, issues, coverage };
}

describe('reads by the Lombok Timur coordinator', () => {
  it('the directory never lists an organisation outside 52.03, with or without filters', async () => {
    const allowed = await visibleInLotim();
    const queries = [
      '',
      'sort=updated',
      'verification=verified',
      'verification=unverified',
      'type=lkks',
      'type=ngo',
      'issue=tengkes',
      'offer=funds',
      'area=52',
      'area=52.71',
      'area=52.06',
      'area=52.02',
      'q=sasambo',
      'q=keruak',
      'q=lkks',
      'q=bima',
      'limit=1&offset=1',
    ];
    for (const query of queries) {
      const paging = query.includes('limit=') ? '' : 'limit=200&';
      const response = await lotim.get(`/api/organisations?${paging}${query}`);
      expect(response.statusCode, query).toBe(200);
      const { items, page } = response.json();
      const ids: string[] = items.map((o: { id: string }) => o.id);
      expect(
        ids.filter((id) => !allowed.has(id)).map((id) => names[id] ?? id),
        query,
      ).toEqual([]);
      // The total counts only what the coordinator may see, so it reveals nothing either.
      if (!query.includes('limit=1')) expect(page.total, query).toBe(ids.length);
    }
    const all = (await lotim.get('/api/organisations?limit=200'))
      .json()
      .items.map((o: { id: string }) => o.id);
    expect(all).toEqual(expect.arrayContaining([lkksLotim, inside.regency, inside.district, coveringLotim]));
    for (const id of outsideIds()) expect(all).not.toContain(id);
    // Filtering by an outside area finds only the organisation that works inside 52.03.
    const mataram = (await lotim.get('/api/organisations?area=52.71'))
      .json()
      .items.map((o: { id: string }) => o.id);
    expect(mataram).toEqual([coveringLotim]);
  });

  it('the detail of an outside organisation is 404 ORGANISATION_NOT_FOUND, and no contact read is recorded', async () => {
    for (const id of outsideIds()) {
      const response = await lotim.get(`/api/organisations/${id}`);
      expect(apiError(response), names[id]).toEqual({
        status: 404,
        code: 'ORGANISATION_NOT_FOUND',
        paths: [],
      });
      expect(response.body).not.toContain(names[id]);
    }
    const reads = await db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'read_personal')
      .where('entity_id', '=', outside.mataram)
      .execute();
    expect(reads).toEqual([]);
    const inner = await lotim.get(`/api/organisations/${inside.district}`);
    expect(inner.json()).toMatchObject({ id: inside.district, canEdit: true });
  });

  it('an organisation seated outside but working inside 52.03 is readable and marked not editable', async () => {
    const response = await lotim.get(`/api/organisations/${coveringLotim}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id: coveringLotim, areaCode: '52.71', canEdit: false });
  });

  it('similar-name suggestions leave outside organisations out', async () => {
    for (const id of outsideIds()) {
      const response = await lotim.get(
        `/api/organisations/similar?name=${encodeURIComponent(names[id] as string)}`,
      );
      expect(response.statusCode).toBe(200);
      const ids = response.json().items.map((o: { id: string }) => o.id);
      expect(ids, names[id]).not.toContain(id);
      for (const other of outsideIds()) expect(ids).not.toContain(other);
    }
    // The inside namesake is suggested, so the check above is not vacuous.
    const namesake = await lotim.get(
      `/api/organisations/similar?name=${encodeURIComponent(names[outside.mataram] as string)}`,
    );
    expect(namesake.json().items.map((o: { id: string }) => o.id)).toContain(inside.regency);
  });

  it('the spreadsheet export holds only organisations inside 52.03 (or working there)', async () => {
    for (const query of [
      'format=csv',
      'format=csv&area=52.71',
      'format=csv&q=sasambo',
      'format=csv&offer=funds',
    ]) {
      const response = await lotim.get(`/api/organisations/export?${query}`);
      expect(response.statusCode, query).toBe(200);
      for (const id of outsideIds()) expect(response.body, `${query}: ${names[id]}`).not.toContain(names[id]);
    }
    const everything = (await lotim.get('/api/organisations/export?format=csv')).body;
    for (const id of [inside.regency, inside.district, coveringLotim])
      expect(everything).toContain(names[id]);
  });

  it('user administration and the audit trail are closed to a coordinator (403)', async () => {
    for (const url of ['/api/users', `/api/users/${randomUUID()}`, '/api/audit', '/api/audit/verify']) {
      expect(apiError(await lotim.get(url)), url).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    }
  });
});

describe('writes by the Lombok Timur coordinator', () => {
  it('PATCH: outside organisations are not found (404), the one working inside is forbidden (403)', async () => {
    const cases: Array<[string, number, string]> = [
      ...outsideIds().map((id) => [id, 404, 'ORGANISATION_NOT_FOUND'] as [string, number, string]),
      [coveringLotim, 403, 'FORBIDDEN'],
    ];
    for (const [id, status, code] of cases) {
      const before = await snapshot(id);
      const response = await lotim.patch(`/api/organisations/${id}`, {
        version: before.row.version,
        legalName: 'Diambil alih oleh Lotim',
        areaCode: '52.03.01',
        issues: [],
        coverageAreas: ['52.03'],
      });
      expect(apiError(response), names[id]).toMatchObject({ status, code });
      expect(await snapshot(id), names[id]).toEqual(before);
    }
  });

  it('verification: outside organisations 404, the one working inside 403; nothing changes', async () => {
    const cases: Array<[string, number]> = [
      ...outsideIds().map((id) => [id, 404] as [string, number]),
      [coveringLotim, 403],
    ];
    for (const [id, status] of cases) {
      const before = await snapshot(id);
      const response = await lotim.post(`/api/organisations/${id}/verification`, {
        status: 'rejected',
        version: before.row.version,
      });
      expect(response.statusCode, names[id]).toBe(status);
      expect(await snapshot(id)).toEqual(before);
    }
  });

  it('cannot register an organisation seated outside 52.03 (403), but can inside', async () => {
    for (const areaCode of ['52.71', '52.06', '52.02.01', '52']) {
      const legalName = `Lembaga Titipan ${randomUUID().slice(0, 8)}`;
      const response = await lotim.post('/api/organisations', { legalName, type: 'ngo', areaCode });
      expect(apiError(response), areaCode).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      const rows = await db
        .selectFrom('organisations')
        .select('id')
        .where('legal_name', '=', legalName)
        .execute();
      expect(rows, areaCode).toEqual([]);
    }
    const created = await lotim.post('/api/organisations', {
      legalName: `Lembaga Pijot ${randomUUID().slice(0, 8)}`,
      type: 'ngo',
      areaCode: '52.03.01.2002',
    });
    expect(created.statusCode).toBe(201);
    expect((await snapshot(created.json().id)).row.registered_by_org_id).toBe(lkksLotim);
  });

  it('cannot move an inside organisation out of 52.03 (403), but can within it', async () => {
    const id = await makeOrganisation(db, { areaCode: '52.03.01' });
    for (const areaCode of ['52.71', '52', '52.02']) {
      const before = await snapshot(id);
      const response = await lotim.patch(`/api/organisations/${id}`, {
        version: before.row.version,
        areaCode,
      });
      expect(apiError(response), areaCode).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      expect(await snapshot(id)).toEqual(before);
    }
    const moved = await lotim.patch(`/api/organisations/${id}`, { version: 1, areaCode: '52.03.02' });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().areaCode).toBe('52.03.02');
  });

  it('cannot grant memberships, and a Lombok Timur org admin cannot grant a scope outside 52.03', async () => {
    const member = await makeUser(db, [{ organisationId: lkksLotim, role: 'viewer', areaScope: SCOPE }]);
    const memberships = () =>
      db
        .selectFrom('memberships')
        .select(['organisation_id', 'role', 'area_scope'])
        .where('user_id', '=', member.id)
        .execute();
    const before = await memberships();
    const refused = await lotim.post(`/api/users/${member.id}/memberships`, {
      organisationId: lkksLotim,
      role: 'org_editor',
      areaScope: '52.71',
    });
    expect(apiError(refused)).toMatchObject({ status: 403, code: 'FORBIDDEN' });

    const orgAdmin = await sessionFor(
      ctx.app,
      await makeUser(db, [{ organisationId: lkksLotim, role: 'org_admin', areaScope: SCOPE }]),
    );
    for (const areaScope of ['52.71', '52', null]) {
      const response = await orgAdmin.post(`/api/users/${member.id}/memberships`, {
        organisationId: lkksLotim,
        role: 'org_editor',
        areaScope,
      });
      expect(apiError(response), String(areaScope)).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    }
    expect(await memberships()).toEqual(before);
    const inner = await orgAdmin.post(`/api/users/${member.id}/memberships`, {
      organisationId: lkksLotim,
      role: 'org_editor',
      areaScope: '52.03.01',
    });
    expect(inner.statusCode).toBe(200);
  });

  it('cannot change the province-wide issue taxonomy (403)', async () => {
    const code = `isu_${randomUUID().slice(0, 8)}`;
    const created = await lotim.post('/api/issues', { code, nameId: 'Isu Lotim', nameEn: 'Lotim issue' });
    expect(apiError(created)).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    const changed = await lotim.patch('/api/issues/tengkes', { active: false });
    expect(apiError(changed)).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    const tengkes = await db
      .selectFrom('issues')
      .select('active')
      .where('code', '=', 'tengkes')
      .executeTakeFirst();
    expect(tengkes?.active).toBe(true);
  });

  it('an import cannot create or change organisations outside 52.03', async () => {
    const upload = (csv: string, query = '') =>
      lotim.upload(`/api/organisations/import${query}`, {
        filename: 'mitra.csv',
        content: csv,
        contentType: 'text/csv',
      });
    const mataram = await snapshot(outside.mataram);
    const newKey = `titipan-${randomUUID().slice(0, 8)}`;
    const csv = [
      'kode,nama_resmi,jenis,kode_wilayah',
      `${newKey},Lembaga Titipan Mataram,ngo,52.71`,
      `${mataram.row.key},Diambil alih oleh Lotim,ngo,52.03`,
    ].join('\n');
    const response = await upload(csv);
    expect(response.statusCode, response.body).toBe(200);
    // Both rows are refused (nothing is written when any row has a problem).
    const result = response.json();
    expect(result.committed).toBe(false);
    expect(result.problems.map((p: { row: number }) => p.row).sort()).toEqual([2, 3]);
    expect(await snapshot(outside.mataram)).toEqual(mataram);
    expect(await db.selectFrom('organisations').select('id').where('key', '=', newKey).execute()).toEqual([]);
    // The same file seated inside 52.03 passes the checks, so the refusal above is about the area.
    const inner = await upload(
      `kode,nama_resmi,jenis,kode_wilayah\n${newKey},Lembaga Titipan Keruak,ngo,52.03.01\n`,
      '?dryRun=true',
    );
    expect(inner.statusCode, inner.body).toBe(200);
    expect(inner.json()).toMatchObject({ committed: false, created: 1, problems: [] });
  });
});

describe('partnerships for the Lombok Timur coordinator', () => {
  let admin: Client;
  let bimaOffice: string;
  const partnership = (parties: string[], extra: Record<string, unknown> = {}) => ({
    title: `Kemitraan ${randomUUID()}`,
    agreementType: 'mou',
    parties: parties.map((organisationId, i) => ({ organisationId, role: i === 0 ? 'lead' : 'funder' })),
    ...extra,
  });
  const record = async (body: Record<string, unknown>) => {
    const response = await admin.post('/api/partnerships', body);
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; title: string; version: number };
  };
  const row = (id: string) =>
    db.selectFrom('partnerships').selectAll().where('id', '=', id).executeTakeFirst();
  const listed = async (client: Client) =>
    (await client.get('/api/partnerships?limit=200')).json() as {
      items: { id: string }[];
      page: { total: number };
    };

  beforeAll(async () => {
    admin = await sessionFor(
      ctx.app,
      await makeUser(db, [{ organisationId: lkksLotim, role: 'platform_admin' }]),
    );
    bimaOffice = await makeOrganisation(db, {
      legalName: 'Dinas Sosial Kabupaten Bima',
      areaCode: '52.06.01',
    });
  });

  it('a draft between two Bima offices is not found: no read, edit, status change, answer or delete', async () => {
    const draft = await record(partnership([outside.bima, bimaOffice]));
    const url = `/api/partnerships/${draft.id}`;
    const before = await row(draft.id);
    const attempts = [
      await lotim.get(url),
      await lotim.request({
        method: 'PUT',
        url,
        payload: { ...partnership([outside.bima, bimaOffice]), version: 1 },
      }),
      await lotim.post(`${url}/status`, { status: 'signed', version: 1 }),
      await lotim.post(`${url}/parties/${bimaOffice}/confirm`, { version: 1 }),
      await lotim.delete(`${url}?version=1`),
    ];
    for (const response of attempts)
      expect(apiError(response)).toMatchObject({ status: 404, code: 'PARTNERSHIP_NOT_FOUND' });
    expect(await row(draft.id)).toEqual(before);
    expect((await listed(lotim)).items.map((p) => p.id)).not.toContain(draft.id);
  });

  it('a signed agreement outside the area is not found either, and lists leave it out', async () => {
    const signed = await record(partnership([outside.bima, bimaOffice], { status: 'signed' }));
    expect(apiError(await lotim.get(`/api/partnerships/${signed.id}`))).toMatchObject({ status: 404 });
    const viaOrganisation = await lotim.get(`/api/partnerships?organisationId=${outside.bima}`);
    expect(viaOrganisation.json().items).toEqual([]);
    // A visitor without scope sees it, so the refusal is about the area.
    expect((await ctx.app.inject({ method: 'GET', url: `/api/partnerships/${signed.id}` })).statusCode).toBe(
      200,
    );
  });

  it('cannot record an agreement between organisations outside the area (403), but can with a party inside', async () => {
    // Seated in Bima but working in Lombok Timur: visible to the coordinator, not in the area.
    const coveringFromBima = await makeOrganisation(db, { areaCode: '52.06', coverageAreas: ['52.03.02'] });
    const outsideOnly = partnership([coveringLotim, coveringFromBima]);
    expect(apiError(await lotim.post('/api/partnerships', outsideOnly))).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
    });
    expect(
      await db.selectFrom('partnerships').select('id').where('title', '=', outsideOnly.title).execute(),
    ).toEqual([]);
    // An organisation the coordinator cannot see is unknown to them, as in the directory.
    const hiddenParty = await lotim.post('/api/partnerships', partnership([inside.district, outside.bima]));
    expect(apiError(hiddenParty)).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      paths: ['body.parties.1.organisationId'],
    });
    const created = await lotim.post('/api/partnerships', partnership([inside.district, coveringLotim]));
    expect(created.statusCode, created.body).toBe(201);
    // The coordinator answers for the Lotim party; the one seated in Mataram is invited.
    const parties = Object.fromEntries(
      created.json().parties.map((p: { id: string; confirmation: string }) => [p.id, p.confirmation]),
    );
    expect(parties).toEqual({ [inside.district]: 'confirmed', [coveringLotim]: 'invited' });
    // Nor move it out of the area by replacing the Lotim party.
    const moved = await lotim.request({
      method: 'PUT',
      url: `/api/partnerships/${created.json().id}`,
      payload: { ...partnership([coveringLotim, coveringFromBima]), version: 1 },
    });
    expect(apiError(moved)).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect((await lotim.get(`/api/partnerships/${created.json().id}`)).json().version).toBe(1);
  });

  it('an agreement of outside organisations with a program in Lombok Timur is in the area', async () => {
    const program = await admin.post('/api/programs', {
      ownerOrgId: outside.mataram,
      title: `Program Keruak ${randomUUID()}`,
      issues: ['tengkes'],
      villages: [{ code: '52.03.01.2002' }],
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      modality: 'training',
      status: 'active',
    });
    expect(program.statusCode, program.body).toBe(201);
    const draft = await record(
      partnership([outside.bima, outside.mataram], { programIds: [program.json().id] }),
    );
    const seen = await lotim.get(`/api/partnerships/${draft.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().canEdit).toBe(true);
    expect((await listed(lotim)).items.map((p) => p.id)).toContain(draft.id);
  });

  it('scoped readers (a Keruak facilitator) list only partnerships in their area, with a matching total', async () => {
    const keruak = await record(partnership([inside.district, outside.mataram], { status: 'active' }));
    const sakra = await record(partnership([inside.regency, outside.province], { status: 'active' }));
    const facilitator = await sessionFor(
      ctx.app,
      await makeUser(db, [
        { organisationId: inside.district, role: 'field_facilitator', areaScope: '52.03.01' },
      ]),
    );
    const { items, page } = await listed(facilitator);
    const ids = items.map((p) => p.id);
    expect(ids).toContain(keruak.id);
    // Seated in 52.03 itself (not in Keruak), with a provincial partner: outside 52.03.01.
    expect(ids).not.toContain(sakra.id);
    expect(page.total).toBe(ids.length);
    const inKeruak = await db
      .selectFrom('partnership_parties as pp')
      .innerJoin('organisations as o', 'o.id', 'pp.organisation_id')
      .select('pp.partnership_id')
      .where('o.area_code', 'like', '52.03.01%')
      .execute();
    for (const id of ids) expect(inKeruak.map((p) => p.partnership_id)).toContain(id);
    expect(apiError(await facilitator.get(`/api/partnerships/${sakra.id}`))).toMatchObject({ status: 404 });
  });
});
