/**
 * Partnerships (Kemitraan) through the API: list and detail with draft visibility,
 * create/replace/status/delete with their checks and audit entries, and the durability
 * measures end to end on a renewed MoU whose answers are known (docs/partnerships.md).
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  anonymousGet as anonymousGetOf,
  auditTrail,
  createdThrough,
  listedIds,
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
import { todayInNtb } from '../../../shared/format.ts';
import type { OrganisationType, Role } from '../../../shared/roles.ts';
import type { DB } from '../../db/types.ts';

let ctx: TestContext;
let db: Kysely<DB>;
/** Callers whose own organisation takes part in nothing here: rights come from the role alone. */
let admin: Client;
let coordinator: Client;

const clientWith = (role: Role, organisationId?: string) =>
  signedInMember(ctx.app, role, { orgId: organisationId });

beforeAll(async () => {
  ctx = await createTestApp();
  db = ctx.database.db;
  admin = (await clientWith('platform_admin')).client;
  coordinator = (await clientWith('coordinator')).client;
});
afterAll(async () => {
  await ctx?.close();
});

const anonymousGet = (url: string) => anonymousGetOf(ctx.app, url);
const put = (client: Client, url: string, payload: unknown) => client.put(url, payload);
const marker = (prefix: string) => `${prefix}${randomUUID().slice(0, 8)}`;

/** Two fresh organisations, as a pair of party ids. */
async function twoOrganisations(): Promise<[string, string]> {
  return [await makeOrganisation(db), await makeOrganisation(db)];
}

/** A minimal valid agreement between the given organisations (the first one leads). */
function newPartnership(parties: string[], overrides: Record<string, unknown> = {}) {
  return {
    title: `Kemitraan ${randomUUID()}`,
    agreementType: 'mou',
    parties: parties.map((organisationId, i) => ({ organisationId, role: i === 0 ? 'lead' : 'funder' })),
    ...overrides,
  };
}

/** Creates an agreement through the API and returns its detail. */
const create = (client: Client, body: Record<string, unknown>) =>
  createdThrough(client, '/api/partnerships', body);

async function partnershipRow(id: string) {
  return db.selectFrom('partnerships').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The audit entries about one partnership, oldest first. */
const auditOf = (id: string) =>
  auditTrail(db, 'partnership', id, ['action', 'before', 'after', 'actor_user_id']);

/** Audit entries of any partnership whose recorded title is this one. */
async function auditByTitle(title: string) {
  return db
    .selectFrom('audit_log')
    .select('id')
    .where('entity_type', '=', 'partnership')
    .where(sql<string>`after->>'title'`, '=', title)
    .execute();
}

const listIds = (client: Client | null, query: string) =>
  listedIds(ctx.app, client, '/api/partnerships', query);

/** A program through POST /api/programs, in one village for the given period. */
async function createProgram(
  client: Client,
  ownerOrgId: string,
  fields: { periodStart: string; periodEnd: string; villageCode?: string; status?: string },
) {
  const response = await client.post('/api/programs', {
    ownerOrgId,
    title: `Program ${randomUUID()}`,
    issues: ['tengkes'],
    villages: [{ code: fields.villageCode ?? '52.03.01.2002' }],
    periodStart: fields.periodStart,
    periodEnd: fields.periodEnd,
    modality: 'training',
    budgetPlanned: 10_000_000,
    status: fields.status ?? 'active',
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as string;
}

describe('GET /api/partnerships', () => {
  it('refuses each invalid parameter with its path (400)', async () => {
    const cases: Array<[string, string]> = [
      ['limit=0', 'querystring.limit'],
      ['limit=201', 'querystring.limit'],
      ['offset=-1', 'querystring.offset'],
      ['organisationId=123', 'querystring.organisationId'],
      ['status=pending', 'querystring.status.0'],
      ['agreementType=contract', 'querystring.agreementType.0'],
      ['longTerm=yes', 'querystring.longTerm'],
      [`q=${'x'.repeat(101)}`, 'querystring.q'],
      ['owner=me', 'querystring'],
    ];
    for (const [query, path] of cases) {
      const response = await anonymousGet(`/api/partnerships?${query}`);
      expect(apiError(response), query).toEqual({ status: 400, code: 'VALIDATION_FAILED', paths: [path] });
    }
  });

  it('shows drafts to members of a party and to coordinators only', async () => {
    const [a, b] = await twoOrganisations();
    const draft = (await create(admin, newPartnership([a, b]))).id;
    const signed = (await create(admin, newPartnership([a, b], { status: 'signed' }))).id;
    const partyViewer = (await clientWith('viewer', b)).client;
    const outsiderEditor = (await clientWith('org_editor')).client;

    const anonymous = await listIds(null, `organisationId=${a}`);
    expect(anonymous).toEqual([signed]);
    expect(await listIds(outsiderEditor, `organisationId=${a}`)).toEqual([signed]);
    expect((await listIds(partyViewer, `organisationId=${a}`)).sort()).toEqual([draft, signed].sort());
    expect((await listIds(coordinator, `organisationId=${a}`)).sort()).toEqual([draft, signed].sort());

    // The detail follows the same rule: a hidden draft is simply not found.
    expect(apiError(await anonymousGet(`/api/partnerships/${draft}`))).toMatchObject({
      status: 404,
      code: 'PARTNERSHIP_NOT_FOUND',
    });
    expect(apiError(await outsiderEditor.get(`/api/partnerships/${draft}`))).toMatchObject({ status: 404 });
    expect((await partyViewer.get(`/api/partnerships/${draft}`)).json()).toMatchObject({
      id: draft,
      status: 'draft',
      canEdit: false,
    });
    expect((await coordinator.get(`/api/partnerships/${draft}`)).json()).toMatchObject({ canEdit: true });
    expect((await anonymousGet(`/api/partnerships/${signed}`)).statusCode).toBe(200);
  });

  it('filters by organisation, status, agreement type, text and long-term', async () => {
    const word = marker('lumbung');
    const [a, b] = await twoOrganisations();
    const c = await makeOrganisation(db);
    // Visitors see verified parties by id and name (unverified ones are withheld, docs/access.md).
    for (const id of [a, b]) await setVerificationStatus(db, id, 'verified');
    const mou = (
      await create(admin, newPartnership([a, b], { title: `MoU ${word} Sembalun`, status: 'active' }))
    ).id;
    const pks = (
      await create(
        admin,
        newPartnership([b, c], {
          title: `PKS ${word.toUpperCase()} Sakra`,
          agreementType: 'pks',
          status: 'signed',
        }),
      )
    ).id;
    const letter = (
      await create(
        admin,
        newPartnership([a, c], {
          title: `Surat ${word} Keruak`,
          agreementType: 'commitment_letter',
          startsOn: '2021-01-01',
          status: 'active',
        }),
      )
    ).id;
    const mine = [mou, pks, letter];
    const found = async (query: string) =>
      (await listIds(null, `q=${word}&${query}`)).filter((id) => mine.includes(id)).sort();
    const expected = (...ids: string[]) => [...ids].sort();

    expect(await found('')).toEqual(expected(mou, pks, letter));
    expect(await found(`organisationId=${a}`)).toEqual(expected(mou, letter));
    expect(await found(`organisationId=${b}`)).toEqual(expected(mou, pks));
    expect(await found('status=signed')).toEqual([pks]);
    expect(await found('status=signed,active')).toEqual(expected(mou, pks, letter));
    expect(await found('agreementType=pks,commitment_letter')).toEqual(expected(pks, letter));
    expect(await found('agreementType=informal')).toEqual([]);
    // Started in 2021 and still running: five years and more, so long-term without renewal.
    expect(await found('longTerm=true')).toEqual([letter]);
    expect(await found('longTerm=false')).toEqual(expected(mou, pks));
    expect(await found(`organisationId=${c}&status=active`)).toEqual([letter]);
    // Text is matched literally: % and _ are not wildcards.
    expect(await listIds(null, `q=${encodeURIComponent(`${word}%`)}`)).toEqual([]);

    const summary = (await anonymousGet(`/api/partnerships?q=${word}&agreementType=mou`)).json().items[0];
    expect(summary).toMatchObject({
      id: mou,
      agreementType: 'mou',
      status: 'active',
      renewsId: null,
      durability: { renewals: 0, longTerm: false, linkedPrograms: 0 },
    });
    expect(summary.parties.map((p: { id: string }) => p.id).sort()).toEqual([a, b].sort());
  });

  it('pages by start date, newest first, with a total that ignores paging', async () => {
    const word = marker('kenari');
    const [a, b] = await twoOrganisations();
    const ids: string[] = [];
    for (const year of [2022, 2024, 2023]) {
      ids.push(
        (
          await create(
            admin,
            newPartnership([a, b], { title: `Kemitraan ${word} ${year}`, startsOn: `${year}-03-01` }),
          )
        ).id,
      );
    }
    const [in2022, in2024, in2023] = ids;
    const first = (await admin.get(`/api/partnerships?q=${word}&limit=2`)).json();
    const second = (await admin.get(`/api/partnerships?q=${word}&limit=2&offset=2`)).json();
    expect(first.page).toEqual({ limit: 2, offset: 0, total: 3 });
    expect(first.items.map((p: { id: string }) => p.id)).toEqual([in2024, in2023]);
    expect(second.page).toEqual({ limit: 2, offset: 2, total: 3 });
    expect(second.items.map((p: { id: string }) => p.id)).toEqual([in2022]);
  });
});

describe('GET /api/partnerships/:id', () => {
  it('400 for a malformed id, 404 for an unknown one', async () => {
    expect(apiError(await anonymousGet('/api/partnerships/123'))).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      paths: ['params.id'],
    });
    expect(apiError(await admin.get(`/api/partnerships/${randomUUID()}`))).toMatchObject({
      status: 404,
      code: 'PARTNERSHIP_NOT_FOUND',
    });
  });

  it('gives the parties with their commitments, the visible programs and the renewal chain', async () => {
    const alpha = await makeOrganisation(db, { legalName: `A Yayasan ${randomUUID()}`, type: 'ngo' });
    const beta = await makeOrganisation(db, { legalName: `B Bank ${randomUUID()}`, type: 'bumn_bumd' });
    for (const id of [alpha, beta]) await setVerificationStatus(db, id, 'verified');
    const shown = await createProgram(admin, alpha, { periodStart: '2025-01-01', periodEnd: '2025-12-31' });
    const draftProgram = await createProgram(admin, beta, {
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      status: 'draft',
    });
    const first = await create(
      admin,
      newPartnership([alpha, beta], { startsOn: '2024-01-01', endsOn: '2024-12-31', status: 'active' }),
    );
    const detail = await create(admin, {
      title: `PKS Gizi ${randomUUID()}`,
      description: 'Pendampingan gizi balita',
      agreementType: 'pks',
      agreementNumber: '001/PKS/2025',
      signedOn: '2024-12-20',
      startsOn: '2025-01-01',
      endsOn: '2025-12-31',
      renewsId: first.id,
      status: 'signed',
      parties: [
        {
          organisationId: beta,
          role: 'funder',
          commitmentMoney: 250_000_000,
          commitmentMonths: 12,
        },
        {
          organisationId: alpha,
          role: 'implementer',
          commitmentInKind: 'Kader posyandu',
          commitmentExpertise: 'Konseling gizi',
        },
      ],
      programIds: [shown, draftProgram, shown],
      documents: [{ title: 'Naskah PKS', url: 'https://example.org/pks.pdf' }],
    });
    const response = await anonymousGet(`/api/partnerships/${detail.id}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      description: 'Pendampingan gizi balita',
      agreementType: 'pks',
      agreementNumber: '001/PKS/2025',
      status: 'signed',
      signedOn: '2024-12-20',
      startsOn: '2025-01-01',
      endsOn: '2025-12-31',
      terminatedOn: null,
      renewsId: first.id,
      version: 1,
      canEdit: false,
      documents: [{ title: 'Naskah PKS', url: 'https://example.org/pks.pdf' }],
    });
    expect(body.key).toMatch(/^kmt-2025-[0-9a-f]{10}$/);
    // Parties in name order, each with what it brings.
    expect(body.parties).toEqual([
      {
        id: alpha,
        name: expect.stringMatching(/^A Yayasan/),
        type: 'ngo',
        role: 'implementer',
        commitmentMoney: null,
        commitmentInKind: 'Kader posyandu',
        commitmentExpertise: 'Konseling gizi',
        commitmentMonths: null,
        confirmation: 'confirmed',
        canRespond: false,
      },
      {
        id: beta,
        name: expect.stringMatching(/^B Bank/),
        type: 'bumn_bumd',
        role: 'funder',
        commitmentMoney: 250_000_000,
        commitmentInKind: null,
        commitmentExpertise: null,
        commitmentMonths: 12,
        confirmation: 'confirmed',
        canRespond: false,
      },
    ]);
    // A visitor does not see the draft program; the coordinator who linked it does.
    expect(body.programs).toEqual([{ id: shown, title: expect.any(String), status: 'active' }]);
    const forCoordinator = (await coordinator.get(`/api/partnerships/${detail.id}`)).json();
    expect(forCoordinator.programs.map((p: { id: string }) => p.id).sort()).toEqual(
      [shown, draftProgram].sort(),
    );
    expect(body.chain).toEqual([
      { id: first.id, title: first.title, status: 'active', startsOn: '2024-01-01' },
      { id: detail.id, title: detail.title, status: 'signed', startsOn: '2025-01-01' },
    ]);
    expect(body.durability).toMatchObject({ renewals: 1, longTerm: true, ageYears: 2 });
    // Both agreements of a chain report the chain's measures.
    expect((await anonymousGet(`/api/partnerships/${first.id}`)).json().durability).toEqual(body.durability);
  });
});

describe('POST /api/partnerships', () => {
  it('401 for anonymous callers, before the body is looked at', async () => {
    const response = await ctx.app.inject({ method: 'POST', url: '/api/partnerships', payload: {} });
    expect(apiError(response)).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('refuses each invalid field with its path (400) and writes nothing', async () => {
    const [a, b] = await twoOrganisations();
    const party = (organisationId: string, fields: Record<string, unknown> = {}) => ({
      organisationId,
      role: 'implementer',
      ...fields,
    });
    const cases: Array<[Record<string, unknown>, string]> = [
      [newPartnership([a]), 'body.parties'],
      [newPartnership([a, a]), 'body.parties'],
      [newPartnership([a, b], { startsOn: '2025-06-01', endsOn: '2025-05-31' }), 'body.endsOn'],
      [
        newPartnership([], { parties: [party(a, { commitmentMoney: -1 }), party(b)] }),
        'body.parties.0.commitmentMoney',
      ],
      [
        newPartnership([], { parties: [party(a), party(b, { commitmentMonths: 0 })] }),
        'body.parties.1.commitmentMonths',
      ],
      [newPartnership([], { parties: [party(a, { role: 'sponsor' }), party(b)] }), 'body.parties.0.role'],
      [newPartnership([a, b], { title: 'AB' }), 'body.title'],
      [newPartnership([a, b], { agreementType: 'contract' }), 'body.agreementType'],
      [newPartnership([a, b], { signedOn: '31-12-2024' }), 'body.signedOn'],
      [newPartnership([a, b], { status: 'expired' }), 'body.status'],
      [newPartnership([a, b], { renewsId: 'kemarin' }), 'body.renewsId'],
      [newPartnership([a, b], { key: 'A B' }), 'body.key'],
      [
        newPartnership([a, b], { documents: [{ title: 'x', url: 'ftp://example.org/a' }] }),
        'body.documents.0.url',
      ],
      [newPartnership([a, b], { verified: true }), 'body'],
      // Well-formed references that do not exist.
      [newPartnership([a, randomUUID()]), 'body.parties.1.organisationId'],
      [newPartnership([a, b], { programIds: [randomUUID()] }), 'body.programIds.0'],
      [newPartnership([a, b], { renewsId: randomUUID() }), 'body.renewsId'],
    ];
    for (const [payload, path] of cases) {
      const response = await admin.post('/api/partnerships', payload);
      expect(response.statusCode, `${path}: ${response.body}`).toBe(400);
      expect(response.json().error.code, path).toBe('VALIDATION_FAILED');
      expect(new Set(apiError(response).paths), path).toEqual(new Set([path]));
      expect(await auditByTitle(payload.title as string), path).toEqual([]);
      const stored = await db
        .selectFrom('partnerships')
        .select('id')
        .where('title', '=', payload.title as string)
        .execute();
      expect(stored, path).toEqual([]);
    }
  });

  it('names the problem in the detail code for unknown references', async () => {
    const [a, b] = await twoOrganisations();
    const response = await admin.post(
      '/api/partnerships',
      newPartnership([a, b], { renewsId: randomUUID(), programIds: [randomUUID()] }),
    );
    expect(response.json().error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'body.renewsId', code: 'unknown_partnership' }),
        expect.objectContaining({ path: 'body.programIds.0', code: 'unknown_program' }),
      ]),
    );
  });

  it('refuses linking a draft program the caller cannot see, as if it did not exist', async () => {
    const editor = await clientWith('org_editor');
    const other = await makeOrganisation(db);
    const stranger = await makeOrganisation(db);
    const hidden = await createProgram(admin, stranger, {
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      status: 'draft',
    });
    const response = await editor.client.post(
      '/api/partnerships',
      newPartnership([editor.orgId, other], { programIds: [hidden] }),
    );
    expect(apiError(response)).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      paths: ['body.programIds.0'],
    });
  });

  it('refuses renewing a draft the caller cannot see, as if it did not exist', async () => {
    const editor = await clientWith('org_editor');
    const other = await makeOrganisation(db);
    const [x, y] = await twoOrganisations();
    const hiddenDraft = await create(admin, newPartnership([x, y]));
    const response = await editor.client.post(
      '/api/partnerships',
      newPartnership([editor.orgId, other], { renewsId: hiddenDraft.id }),
    );
    expect(apiError(response)).toEqual({ status: 400, code: 'VALIDATION_FAILED', paths: ['body.renewsId'] });
    expect(response.json().error.details[0].code).toBe('unknown_partnership');
    // The draft's own parties may still delete it: nothing renews it.
    expect((await admin.delete(`/api/partnerships/${hiddenDraft.id}?version=1`)).statusCode).toBe(204);
  });

  it('403 for roles that do not edit and for an editor of an organisation that is no party', async () => {
    const [a, b] = await twoOrganisations();
    const input = newPartnership([a, b]);
    const partyViewer = (await clientWith('viewer', a)).client;
    const outsiderEditor = (await clientWith('org_editor')).client;
    const outsiderAdmin = (await clientWith('org_admin')).client;
    for (const client of [partyViewer, outsiderEditor, outsiderAdmin]) {
      expect(apiError(await client.post('/api/partnerships', input))).toMatchObject({
        status: 403,
        code: 'FORBIDDEN',
      });
    }
    expect(
      await db.selectFrom('partnerships').select('id').where('title', '=', input.title).execute(),
    ).toEqual([]);
    expect(await auditByTitle(input.title)).toEqual([]);
  });

  it('lets a party’s editor record it, with one audit entry', async () => {
    const editor = await clientWith('org_editor');
    const other = await makeOrganisation(db);
    const program = await createProgram(editor.client, editor.orgId, {
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
    });
    const key = `kmt-uji-${randomUUID().slice(0, 8)}`;
    const input = newPartnership([other, editor.orgId], {
      startsOn: '2025-02-01',
      programIds: [program],
      key,
    });
    const response = await editor.client.post('/api/partnerships', input);
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      title: input.title,
      key,
      status: 'draft',
      startsOn: '2025-02-01',
      version: 1,
      canEdit: true,
      programs: [{ id: program }],
      chain: [{ id: body.id }],
      durability: { renewals: 0, linkedPrograms: 1, longTerm: false },
    });
    expect((await partnershipRow(body.id))?.created_by_org_id).toBe(editor.orgId);
    const entries = await auditOf(body.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'create', actor_user_id: editor.user.id });
    expect(entries[0]?.after).toMatchObject({ title: input.title, key, status: 'draft' });
  });

  it('refuses a key that is taken (409)', async () => {
    const [a, b] = await twoOrganisations();
    const key = `kmt-kunci-${randomUUID().slice(0, 8)}`;
    await create(admin, newPartnership([a, b], { key }));
    const again = await admin.post('/api/partnerships', newPartnership([a, b], { key }));
    expect(apiError(again)).toEqual({ status: 409, code: 'PARTNERSHIP_KEY_TAKEN', paths: ['body.key'] });
  });
});

describe('PUT /api/partnerships/:id', () => {
  it('401 → 400 per invalid field → 404 unknown', async () => {
    const [a, b] = await twoOrganisations();
    const created = await create(admin, newPartnership([a, b]));
    const url = `/api/partnerships/${created.id}`;
    const anonymous = await ctx.app.inject({ method: 'PUT', url, payload: {} });
    expect(apiError(anonymous)).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    const valid = { ...newPartnership([a, b]), version: 1 };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...valid, version: undefined }, 'body.version'],
      [{ ...valid, version: 0 }, 'body.version'],
      [{ ...valid, parties: valid.parties.slice(0, 1) }, 'body.parties'],
      [{ ...valid, parties: [valid.parties[0], valid.parties[0]] }, 'body.parties'],
      [{ ...valid, startsOn: '2026-01-02', endsOn: '2026-01-01' }, 'body.endsOn'],
      [{ ...valid, status: 'active' }, 'body'],
      [
        { ...valid, parties: [valid.parties[0], { organisationId: randomUUID(), role: 'funder' }] },
        'body.parties.1.organisationId',
      ],
      [{ ...valid, renewsId: randomUUID() }, 'body.renewsId'],
      [{ ...valid, programIds: [randomUUID()] }, 'body.programIds.0'],
    ];
    for (const [payload, path] of cases) {
      const response = await put(admin, url, payload);
      expect(response.statusCode, `${path}: ${response.body}`).toBe(400);
      expect(new Set(apiError(response).paths), path).toEqual(new Set([path]));
    }
    expect((await partnershipRow(created.id))?.version).toBe(1);
    expect(apiError(await put(admin, `/api/partnerships/${randomUUID()}`, valid))).toMatchObject({
      status: 404,
      code: 'PARTNERSHIP_NOT_FOUND',
    });
    expect((await auditOf(created.id)).map((e) => e.action)).toEqual(['create']);
  });

  it('lets a party’s editor replace it, not an editor of another organisation (403)', async () => {
    const editor = await clientWith('org_editor');
    const other = await makeOrganisation(db);
    const third = await makeOrganisation(db, { type: 'university' });
    const created = await create(admin, newPartnership([editor.orgId, other], { status: 'signed' }));
    const url = `/api/partnerships/${created.id}`;
    const replacement = {
      title: `Kemitraan diperbarui ${randomUUID()}`,
      agreementType: 'pks',
      startsOn: '2025-01-01',
      endsOn: '2026-12-31',
      parties: [
        { organisationId: editor.orgId, role: 'lead', commitmentMonths: 24 },
        { organisationId: other, role: 'funder', commitmentMoney: 5_000_000 },
        { organisationId: third, role: 'technical', commitmentExpertise: 'Riset' },
      ],
      version: 1,
    };
    const outsider = (await clientWith('org_editor')).client;
    expect(apiError(await put(outsider, url, replacement))).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect((await outsider.get(url)).json().canEdit).toBe(false);
    // A party's editor may not hand the agreement over to organisations they do not edit.
    const handOver = {
      ...replacement,
      parties: replacement.parties.filter((p) => p.organisationId !== editor.orgId),
    };
    expect(apiError(await put(editor.client, url, handOver))).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
    });
    expect((await partnershipRow(created.id))?.title).toBe(created.title);

    const response = await put(editor.client, url, replacement);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      title: replacement.title,
      agreementType: 'pks',
      status: 'signed',
      key: created.key,
      startsOn: '2025-01-01',
      endsOn: '2026-12-31',
      version: 2,
      canEdit: true,
    });
    expect(body.parties).toHaveLength(3);
    expect(body.parties.find((p: { id: string }) => p.id === other)).toMatchObject({
      role: 'funder',
      commitmentMoney: 5_000_000,
    });
    // The editor answers for their own organisation; the other party's commitments changed
    // and the university was added, by someone who does not act for them: both invited,
    // and out of the figures until they confirm.
    expect(
      Object.fromEntries(
        body.parties.map((p: { id: string; confirmation: string }) => [p.id, p.confirmation]),
      ),
    ).toEqual({ [editor.orgId]: 'confirmed', [other]: 'invited', [third]: 'invited' });
    expect(body.durability.sectors).not.toContain('university');
    const entries = await auditOf(created.id);
    expect(entries.map((e) => e.action)).toEqual(['create', 'update']);
    expect(entries[1]?.before).toMatchObject({ version: 1, title: created.title });
    expect(entries[1]?.after).toMatchObject({ title: replacement.title, status: 'signed' });
  });

  it('keeps links to programs the editor cannot see when they replace the agreement', async () => {
    const editor = await clientWith('org_editor');
    const other = await makeOrganisation(db);
    const stranger = await makeOrganisation(db);
    const own = await createProgram(editor.client, editor.orgId, {
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
    });
    const hidden = await createProgram(admin, stranger, {
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      status: 'draft',
    });
    const created = await create(
      coordinator,
      newPartnership([editor.orgId, other], { programIds: [own, hidden] }),
    );
    const url = `/api/partnerships/${created.id}`;
    const seen = (await editor.client.get(url)).json();
    expect(seen.programs.map((p: { id: string }) => p.id)).toEqual([own]);
    // The editor unlinks the program they see and saves; the draft they never saw stays linked.
    const response = await put(editor.client, url, {
      ...newPartnership([editor.orgId, other], { title: seen.title }),
      programIds: [],
      version: 1,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().programs).toEqual([]);
    const links = await db
      .selectFrom('partnership_programs')
      .select('program_id')
      .where('partnership_id', '=', created.id)
      .execute();
    expect(links.map((l) => l.program_id)).toEqual([hidden]);
    expect((await coordinator.get(url)).json().programs.map((p: { id: string }) => p.id)).toEqual([hidden]);
  });

  it('answers a stale version with 409 VERSION_CONFLICT and changes nothing', async () => {
    const [a, b] = await twoOrganisations();
    const created = await create(admin, newPartnership([a, b]));
    const url = `/api/partnerships/${created.id}`;
    const first = await put(admin, url, {
      ...newPartnership([a, b], { title: 'Judul pertama' }),
      version: 1,
    });
    expect(first.statusCode, first.body).toBe(200);
    const stale = await put(coordinator, url, {
      ...newPartnership([a, b], { title: 'Judul kedua' }),
      version: 1,
    });
    expect(apiError(stale)).toMatchObject({ status: 409, code: 'VERSION_CONFLICT' });
    expect(await partnershipRow(created.id)).toMatchObject({ title: 'Judul pertama', version: 2 });
    expect((await auditOf(created.id)).map((e) => e.action)).toEqual(['create', 'update']);
  });

  it('hides a draft from an editor who may not see it (404, not 403)', async () => {
    const [a, b] = await twoOrganisations();
    const draft = await create(admin, newPartnership([a, b]));
    const outsider = (await clientWith('org_editor')).client;
    const url = `/api/partnerships/${draft.id}`;
    expect(apiError(await put(outsider, url, { ...newPartnership([a, b]), version: 1 }))).toMatchObject({
      status: 404,
      code: 'PARTNERSHIP_NOT_FOUND',
    });
    expect(apiError(await outsider.post(`${url}/status`, { status: 'signed', version: 1 }))).toMatchObject({
      status: 404,
    });
    expect(apiError(await outsider.delete(`${url}?version=1`))).toMatchObject({ status: 404 });
    expect(await partnershipRow(draft.id)).toMatchObject({ status: 'draft', version: 1 });
  });

  it('refuses an agreement renewing itself or a renewal cycle (400 invalid_renewal)', async () => {
    const [a, b] = await twoOrganisations();
    const older = await create(admin, newPartnership([a, b], { startsOn: '2023-01-01', status: 'active' }));
    const newer = await create(
      admin,
      newPartnership([a, b], { startsOn: '2025-01-01', renewsId: older.id, status: 'active' }),
    );
    // newer renews older; making older renew newer would close the loop.
    for (const [id, renewsId] of [
      [older.id, newer.id],
      [older.id, older.id],
    ] as const) {
      const response = await put(admin, `/api/partnerships/${id}`, {
        ...newPartnership([a, b], { startsOn: '2023-01-01', renewsId }),
        version: 1,
      });
      expect(apiError(response)).toEqual({
        status: 400,
        code: 'VALIDATION_FAILED',
        paths: ['body.renewsId'],
      });
      expect(response.json().error.details[0].code).toBe('invalid_renewal');
    }
    expect((await partnershipRow(older.id))?.renews_id).toBeNull();
    // A longer loop is found too: c renews newer; older may not renew c.
    const latest = await create(
      admin,
      newPartnership([a, b], { startsOn: '2027-01-01', renewsId: newer.id, status: 'signed' }),
    );
    const longer = await put(admin, `/api/partnerships/${older.id}`, {
      ...newPartnership([a, b], { renewsId: latest.id }),
      version: 1,
    });
    expect(longer.json().error.details).toEqual([expect.objectContaining({ code: 'invalid_renewal' })]);
    const chain = (await anonymousGet(`/api/partnerships/${newer.id}`)).json().chain;
    expect(chain.map((c: { id: string }) => c.id)).toEqual([older.id, newer.id, latest.id]);
  });
});

describe('POST /api/partnerships/:id/status', () => {
  const statusUrl = (id: string) => `/api/partnerships/${id}/status`;

  it('401 → 400 per invalid field → 403 → 404', async () => {
    const editor = await clientWith('org_editor');
    const other = await makeOrganisation(db);
    const created = await create(admin, newPartnership([editor.orgId, other], { status: 'signed' }));
    const url = statusUrl(created.id);
    const anonymous = await ctx.app.inject({ method: 'POST', url, payload: {} });
    expect(apiError(anonymous)).toMatchObject({ status: 401 });
    for (const [payload, path] of [
      [{ status: 'closed', version: 1 }, 'body.status'],
      [{ status: 'active' }, 'body.version'],
      [{ status: 'active', version: 1, on: '2025-13-01' }, 'body.on'],
      [{ status: 'active', version: 1, note: 'mulai' }, 'body'],
    ] as const) {
      expect(apiError(await editor.client.post(url, payload)), path).toEqual({
        status: 400,
        code: 'VALIDATION_FAILED',
        paths: [path],
      });
    }
    const outsider = (await clientWith('org_editor')).client;
    const partyViewer = (await clientWith('viewer', other)).client;
    for (const client of [outsider, partyViewer]) {
      expect(apiError(await client.post(url, { status: 'active', version: 1 }))).toMatchObject({
        status: 403,
        code: 'FORBIDDEN',
      });
    }
    expect(
      apiError(await editor.client.post(statusUrl(randomUUID()), { status: 'active', version: 1 })),
    ).toMatchObject({ status: 404, code: 'PARTNERSHIP_NOT_FOUND' });
    expect(await partnershipRow(created.id)).toMatchObject({ status: 'signed', version: 1 });

    const response = await editor.client.post(url, { status: 'active', version: 1, on: '2025-04-01' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ status: 'active', startsOn: '2025-04-01', version: 2 });
  });

  it('records the dates of each move: signed, started, ended, terminated', async () => {
    const [a, b] = await twoOrganisations();
    const id = (await create(admin, newPartnership([a, b]))).id;
    const move = async (status: string, version: number, on?: string) => {
      const response = await admin.post(statusUrl(id), { status, version, ...(on ? { on } : {}) });
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    };
    expect(await move('signed', 1, '2024-12-15')).toMatchObject({
      status: 'signed',
      signedOn: '2024-12-15',
      startsOn: null,
      version: 2,
    });
    // Starting keeps the signature date.
    expect(await move('active', 2, '2025-01-02')).toMatchObject({
      signedOn: '2024-12-15',
      startsOn: '2025-01-02',
      endsOn: null,
      version: 3,
    });
    // No end date was agreed, so expiry sets it.
    expect(await move('expired', 3, '2026-01-31')).toMatchObject({ status: 'expired', endsOn: '2026-01-31' });
    const entries = await auditOf(id);
    expect(entries.map((e) => e.action)).toEqual(['create', 'status', 'status', 'status']);
    expect(entries.slice(1).map((e) => [e.before, e.after])).toEqual([
      [{ status: 'draft' }, { status: 'signed', on: '2024-12-15' }],
      [{ status: 'signed' }, { status: 'active', on: '2025-01-02' }],
      [{ status: 'active' }, { status: 'expired', on: '2026-01-31' }],
    ]);

    // Expiry keeps an agreed end date; starting straight from a draft also signs it.
    const agreed = (await create(admin, newPartnership([a, b], { endsOn: '2025-06-30' }))).id;
    const started = await admin.post(statusUrl(agreed), { status: 'active', version: 1, on: '2025-01-06' });
    expect(started.json()).toMatchObject({ signedOn: '2025-01-06', startsOn: '2025-01-06' });
    const expired = await admin.post(statusUrl(agreed), { status: 'expired', version: 2, on: '2025-07-01' });
    expect(expired.json()).toMatchObject({ status: 'expired', endsOn: '2025-06-30' });

    // Terminating records the termination date, today when none is given.
    const ended = (await create(admin, newPartnership([a, b], { status: 'active', startsOn: '2025-01-01' })))
      .id;
    const terminated = await admin.post(statusUrl(ended), { status: 'terminated', version: 1 });
    expect(terminated.json()).toMatchObject({
      status: 'terminated',
      terminatedOn: todayInNtb(),
      endsOn: null,
    });
  });

  it('refuses moves the lifecycle does not allow (409) and stale versions', async () => {
    const [a, b] = await twoOrganisations();
    const cases: Array<[string, string]> = [
      ['signed', 'draft'],
      ['active', 'draft'],
      ['active', 'signed'],
      ['expired', 'active'],
      ['terminated', 'signed'],
      ['terminated', 'active'],
    ];
    for (const [from, to] of cases) {
      // Created signed or active; expired and terminated are reached from active.
      const initial = from === 'signed' ? 'signed' : 'active';
      const id = (await create(admin, newPartnership([a, b], { status: initial }))).id;
      let version = 1;
      if (from !== initial) {
        const moved = await admin.post(statusUrl(id), { status: from, version, on: '2025-12-31' });
        expect(moved.statusCode, moved.body).toBe(200);
        version = moved.json().version;
      }
      const refused = await admin.post(statusUrl(id), { status: to, version });
      expect(apiError(refused), `${from} → ${to}`).toEqual({
        status: 409,
        code: 'PARTNERSHIP_STATUS_TRANSITION',
        paths: ['body.status'],
      });
      expect(await partnershipRow(id), `${from} → ${to}`).toMatchObject({ status: from, version });
    }
    const id = (await create(admin, newPartnership([a, b]))).id;
    expect((await admin.post(statusUrl(id), { status: 'signed', version: 1 })).statusCode).toBe(200);
    const stale = await admin.post(statusUrl(id), { status: 'active', version: 1 });
    expect(apiError(stale)).toMatchObject({ status: 409, code: 'VERSION_CONFLICT' });
    // Asking for the status it already has changes nothing and records nothing.
    const same = await admin.post(statusUrl(id), { status: 'signed', version: 2 });
    expect(same.json()).toMatchObject({ status: 'signed', version: 2 });
    expect((await auditOf(id)).map((e) => e.action)).toEqual(['create', 'status']);
  });
});

describe('DELETE /api/partnerships/:id', () => {
  const deleteUrl = (id: string, version?: number) =>
    `/api/partnerships/${id}${version === undefined ? '' : `?version=${version}`}`;

  it('401 → 400 → 403 → 404 → 409 stale → 204 for a draft, with one audit entry', async () => {
    const editor = await clientWith('org_editor');
    const other = await makeOrganisation(db);
    const program = await createProgram(admin, other, { periodStart: '2025-01-01', periodEnd: '2025-12-31' });
    const draft = await create(admin, newPartnership([editor.orgId, other], { programIds: [program] }));
    const anonymous = await ctx.app.inject({ method: 'DELETE', url: deleteUrl(draft.id, 1) });
    expect(apiError(anonymous)).toMatchObject({ status: 401 });
    for (const [url, path] of [
      [deleteUrl(draft.id), 'querystring.version'],
      [deleteUrl(draft.id, 0), 'querystring.version'],
      ['/api/partnerships/123?version=1', 'params.id'],
    ] as const) {
      expect(apiError(await editor.client.delete(url)), url).toEqual({
        status: 400,
        code: 'VALIDATION_FAILED',
        paths: [path],
      });
    }
    const partyViewer = (await clientWith('viewer', other)).client;
    expect(apiError(await partyViewer.delete(deleteUrl(draft.id, 1)))).toMatchObject({ status: 403 });
    expect(apiError(await editor.client.delete(deleteUrl(randomUUID(), 1)))).toMatchObject({
      status: 404,
      code: 'PARTNERSHIP_NOT_FOUND',
    });
    expect(apiError(await editor.client.delete(deleteUrl(draft.id, 2)))).toMatchObject({
      status: 409,
      code: 'VERSION_CONFLICT',
    });
    expect(await partnershipRow(draft.id)).toBeDefined();

    const response = await editor.client.delete(deleteUrl(draft.id, 1));
    expect(response.statusCode, response.body).toBe(204);
    expect(await partnershipRow(draft.id)).toBeUndefined();
    expect(
      await db
        .selectFrom('partnership_parties')
        .select('organisation_id')
        .where('partnership_id', '=', draft.id)
        .execute(),
    ).toEqual([]);
    expect(
      await db
        .selectFrom('partnership_programs')
        .select('program_id')
        .where('partnership_id', '=', draft.id)
        .execute(),
    ).toEqual([]);
    expect(apiError(await editor.client.get(`/api/partnerships/${draft.id}`))).toMatchObject({ status: 404 });
    // The linked program stays.
    expect((await admin.get(`/api/programs/${program}`)).statusCode).toBe(200);
    const entries = await auditOf(draft.id);
    expect(entries.map((e) => e.action)).toEqual(['create', 'delete']);
    expect(entries[1]?.before).toMatchObject({ title: draft.title, status: 'draft', key: draft.key });
  });

  it('keeps anything past a draft, and a draft another agreement renews (409)', async () => {
    const [a, b] = await twoOrganisations();
    const signed = await create(admin, newPartnership([a, b], { status: 'signed' }));
    expect(apiError(await admin.delete(deleteUrl(signed.id, 1)))).toMatchObject({
      status: 409,
      code: 'PARTNERSHIP_DELETE_NOT_ALLOWED',
    });
    const older = await create(admin, newPartnership([a, b]));
    const renewal = await create(admin, newPartnership([a, b], { renewsId: older.id }));
    expect(apiError(await admin.delete(deleteUrl(older.id, 1)))).toMatchObject({
      status: 409,
      code: 'PARTNERSHIP_DELETE_NOT_ALLOWED',
    });
    expect(await partnershipRow(older.id)).toBeDefined();
    expect((await auditOf(older.id)).map((e) => e.action)).toEqual(['create']);
    // Once the renewal is gone, the older draft may go too.
    expect((await admin.delete(deleteUrl(renewal.id, 1))).statusCode).toBe(204);
    expect((await admin.delete(deleteUrl(older.id, 1))).statusCode).toBe(204);
  });
});

describe('GET /api/organisations/:id/durability', () => {
  it('400 for a malformed id, 404 for an unknown organisation, zeros without agreements', async () => {
    expect(apiError(await anonymousGet('/api/organisations/123/durability'))).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      paths: ['params.id'],
    });
    expect(apiError(await anonymousGet(`/api/organisations/${randomUUID()}/durability`))).toMatchObject({
      status: 404,
      code: 'ORGANISATION_NOT_FOUND',
    });
    // A draft is not a collaboration yet.
    const [a, b] = await twoOrganisations();
    await setVerificationStatus(db, a, 'verified');
    await create(admin, newPartnership([a, b], { startsOn: '2020-01-01' }));
    expect((await anonymousGet(`/api/organisations/${a}/durability`)).json()).toEqual({
      organisationId: a,
      collaborations: 0,
      longTerm: 0,
      oneOff: 0,
      longTermShare: null,
      averageAgeYears: null,
      renewals: 0,
      linkedPrograms: 0,
      partnerSectors: [],
    });
  });

  it('measures a renewed MoU with programs in the same village two years running', async () => {
    const type = async (t: OrganisationType, extra: Record<string, unknown> = {}) =>
      makeOrganisation(db, { type: t, ...extra });
    const pemda = await type('government', { level: 'regency' });
    const bank = await type('bumn_bumd');
    const unram = await type('university');
    for (const id of [pemda, bank, unram]) await setVerificationStatus(db, id, 'verified');
    const editor = await clientWith('org_editor', pemda);
    const in2025 = await createProgram(editor.client, pemda, {
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
    });
    const in2026 = await createProgram(editor.client, pemda, {
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
    });
    const mou = await create(
      editor.client,
      newPartnership([pemda, bank], { startsOn: '2023-01-01', endsOn: '2024-12-31', status: 'active' }),
    );
    const expired = await editor.client.post(`/api/partnerships/${mou.id}/status`, {
      status: 'expired',
      version: 1,
    });
    expect(expired.json()).toMatchObject({ status: 'expired', endsOn: '2024-12-31' });
    const pks = await create(editor.client, {
      ...newPartnership([pemda, bank, unram], { agreementType: 'pks' }),
      startsOn: '2025-01-01',
      endsOn: '2027-12-31',
      status: 'active',
      renewsId: mou.id,
      programIds: [in2025, in2026],
    });

    // The bank and the university were named by the Pemda's editor: invited, so the
    // agreements are not collaborations yet and nobody's figures count them.
    const invited = (await anonymousGet(`/api/partnerships/${pks.id}`)).json();
    expect(invited.parties.map((p: { confirmation: string }) => p.confirmation).sort()).toEqual([
      'confirmed',
      'invited',
      'invited',
    ]);
    expect(invited.durability).toMatchObject({ renewals: 0, sectors: ['government'] });
    for (const id of [pemda, bank, unram])
      expect((await anonymousGet(`/api/organisations/${id}/durability`)).json().collaborations).toBe(0);
    // Each answers for itself: the bank on both agreements, the university on the PKS.
    let version = invited.version;
    for (const [id, org] of [
      [mou.id, bank],
      [pks.id, bank],
      [pks.id, unram],
    ] as const) {
      const own = (await clientWith('org_editor', org)).client;
      const current = id === pks.id ? version : (await own.get(`/api/partnerships/${id}`)).json().version;
      const answered = await own.post(`/api/partnerships/${id}/parties/${org}/confirm`, { version: current });
      expect(answered.statusCode, answered.body).toBe(200);
      if (id === pks.id) version = answered.json().version;
    }
    const detail = (await anonymousGet(`/api/partnerships/${pks.id}`)).json();
    expect(detail.durability).toMatchObject({
      renewals: 1,
      longTerm: true,
      linkedPrograms: 2,
      repeatVillages: 1,
      sameVillagesAcrossYears: true,
      sectors: ['business', 'government', 'university'],
    });
    // From 2023-01-01 to today (the PKS still runs), in tenths of a year.
    const today = todayInNtb();
    const years =
      (Date.parse(`${today}T00:00:00Z`) - Date.parse('2023-01-01T00:00:00Z')) / 86_400_000 / 365.25;
    expect(Math.abs(detail.durability.ageYears - years)).toBeLessThanOrEqual(0.051);
    expect(detail.chain.map((c: { id: string }) => c.id)).toEqual([mou.id, pks.id]);
    expect((await anonymousGet(`/api/partnerships/${mou.id}`)).json().durability).toEqual(detail.durability);
    // Both agreements of the chain count as long-term in the list.
    const longTerm = await listIds(null, `organisationId=${bank}&longTerm=true`);
    expect(longTerm.sort()).toEqual([mou.id, pks.id].sort());
    expect(await listIds(null, `organisationId=${bank}&longTerm=false`)).toEqual([]);

    const measures = (await anonymousGet(`/api/organisations/${bank}/durability`)).json();
    expect(measures).toMatchObject({
      organisationId: bank,
      collaborations: 1,
      longTerm: 1,
      oneOff: 0,
      longTermShare: 1,
      renewals: 1,
      linkedPrograms: 2,
      partnerSectors: ['government', 'university'],
    });
    expect(measures.averageAgeYears).toBe(detail.durability.ageYears);
    // The university joined with the renewal; the collaboration is still one chain.
    expect((await anonymousGet(`/api/organisations/${unram}/durability`)).json()).toMatchObject({
      collaborations: 1,
      longTerm: 1,
      renewals: 1,
      partnerSectors: ['business', 'government'],
    });
    // Every write above left exactly one audit entry on its agreement, answers included.
    expect((await auditOf(mou.id)).map((e) => e.action)).toEqual(['create', 'status', 'confirm_party']);
    expect((await auditOf(pks.id)).map((e) => e.action)).toEqual([
      'create',
      'confirm_party',
      'confirm_party',
    ]);
  });
});

describe('references to other organisations’ records', () => {
  it('renewing an agreement between two other organisations is refused (403) and changes no chain', async () => {
    const editor = await clientWith('org_editor');
    const other = await makeOrganisation(db);
    const [x, y] = await twoOrganisations();
    const foreign = await create(admin, newPartnership([x, y], { startsOn: '2020-01-01', status: 'active' }));
    const before = (await anonymousGet(`/api/partnerships/${foreign.id}`)).json();
    const input = newPartnership([editor.orgId, other], { renewsId: foreign.id, status: 'active' });
    const refused = await editor.client.post('/api/partnerships', input);
    expect(apiError(refused)).toEqual({
      status: 403,
      code: 'PARTNERSHIP_LINK_FORBIDDEN',
      paths: ['body.renewsId'],
    });
    expect(refused.json().error.details[0].code).toBe('not_editable');
    expect(
      await db.selectFrom('partnerships').select('id').where('title', '=', input.title).execute(),
    ).toEqual([]);
    expect(await auditByTitle(input.title)).toEqual([]);
    // Nor by editing one of their own agreements to renew it.
    const own = await create(editor.client, newPartnership([editor.orgId, other], { status: 'active' }));
    const edited = await put(editor.client, `/api/partnerships/${own.id}`, {
      ...newPartnership([editor.orgId, other], { title: own.title, renewsId: foreign.id }),
      version: 1,
    });
    expect(apiError(edited)).toMatchObject({ status: 403, code: 'PARTNERSHIP_LINK_FORBIDDEN' });
    expect((await partnershipRow(own.id))?.renews_id).toBeNull();
    const after = (await anonymousGet(`/api/partnerships/${foreign.id}`)).json();
    expect(after.chain).toEqual(before.chain);
    expect(after.durability).toEqual(before.durability);
    // An agreement the editor's organisation is a confirmed party to may be renewed.
    const renewal = await editor.client.post(
      '/api/partnerships',
      newPartnership([editor.orgId, other], { renewsId: own.id }),
    );
    expect(renewal.statusCode, renewal.body).toBe(201);
  });

  it('linking another organisation’s program is refused (403); its owner’s or partner’s editors may', async () => {
    const editor = await clientWith('org_editor');
    const other = await makeOrganisation(db);
    const stranger = await makeOrganisation(db);
    const foreign = await createProgram(admin, stranger, {
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
    });
    const input = newPartnership([editor.orgId, other], { programIds: [foreign], status: 'active' });
    const refused = await editor.client.post('/api/partnerships', input);
    expect(apiError(refused)).toEqual({
      status: 403,
      code: 'PARTNERSHIP_LINK_FORBIDDEN',
      paths: ['body.programIds.0'],
    });
    expect(refused.json().error.details[0].code).toBe('not_linkable');
    expect(
      await db.selectFrom('partnerships').select('id').where('title', '=', input.title).execute(),
    ).toEqual([]);
    // A program the editor's organisation takes part in as a partner may be linked.
    const partnered = await admin.post('/api/programs', {
      ownerOrgId: stranger,
      title: `Program bersama ${randomUUID()}`,
      issues: ['tengkes'],
      villages: [{ code: '52.03.01.2002' }],
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      modality: 'training',
      status: 'active',
      partners: [{ organisationId: editor.orgId, role: 'implementer' }],
    });
    expect(partnered.statusCode, partnered.body).toBe(201);
    const linked = await create(
      editor.client,
      newPartnership([editor.orgId, other], { programIds: [partnered.json().id] }),
    );
    expect(linked.programs.map((p: { id: string }) => p.id)).toEqual([partnered.json().id]);
    // A link someone else made (a coordinator) survives the editor saving the agreement again.
    const byCoordinator = await create(
      coordinator,
      newPartnership([editor.orgId, other], { programIds: [foreign] }),
    );
    const saved = await put(editor.client, `/api/partnerships/${byCoordinator.id}`, {
      ...newPartnership([editor.orgId, other], { title: byCoordinator.title, programIds: [foreign] }),
      version: 1,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().programs.map((p: { id: string }) => p.id)).toEqual([foreign]);
  });

  it('removing the link to another organisation’s program is refused (403) like adding it; an administrator may', async () => {
    const editor = await clientWith('org_editor');
    const other = await makeOrganisation(db);
    const stranger = await makeOrganisation(db);
    const foreign = await createProgram(admin, stranger, {
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
    });
    // A coordinator links the program; the editor's organisation is a confirmed party.
    const created = await create(
      coordinator,
      newPartnership([editor.orgId, other], { programIds: [foreign], status: 'active' }),
    );
    expect(created.parties.find((p: { id: string }) => p.id === editor.orgId).confirmation).toBe('confirmed');
    const url = `/api/partnerships/${created.id}`;
    const body = { ...newPartnership([editor.orgId, other], { title: created.title }), programIds: [] };
    const refused = await put(editor.client, url, { ...body, version: 1 });
    expect(apiError(refused)).toEqual({
      status: 403,
      code: 'PARTNERSHIP_LINK_FORBIDDEN',
      paths: ['body.programIds'],
    });
    expect(refused.json().error.details[0].code).toBe('not_unlinkable');
    const links = () =>
      db
        .selectFrom('partnership_programs')
        .select('program_id')
        .where('partnership_id', '=', created.id)
        .execute();
    expect((await links()).map((l) => l.program_id)).toEqual([foreign]);
    expect((await partnershipRow(created.id))?.version).toBe(1);
    const removed = await put(admin, url, { ...body, version: 1 });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(await links()).toEqual([]);
  });
});

describe('party confirmation', () => {
  const answerUrl = (id: string, organisationId: string, verb: 'confirm' | 'decline') =>
    `/api/partnerships/${id}/parties/${organisationId}/${verb}`;
  const confirmations = async (id: string) =>
    Object.fromEntries(
      (
        await db
          .selectFrom('partnership_parties')
          .select(['organisation_id', 'confirmation'])
          .where('partnership_id', '=', id)
          .execute()
      ).map((p) => [p.organisation_id, p.confirmation]),
    );

  it('a party named by another organisation is invited until its own editor confirms; others are refused', async () => {
    const a = await clientWith('org_editor');
    const bOrg = await makeOrganisation(db, { type: 'university' });
    const b = await clientWith('org_editor', bOrg);
    await setVerificationStatus(db, bOrg, 'verified');
    const created = await create(
      a.client,
      newPartnership([a.orgId, bOrg], { startsOn: '2020-01-01', status: 'active' }),
    );
    expect(await confirmations(created.id)).toEqual({ [a.orgId]: 'confirmed', [bOrg]: 'invited' });
    expect(created.parties.find((p: { id: string }) => p.id === bOrg)).toMatchObject({
      confirmation: 'invited',
      canRespond: false,
    });
    // Not yet a collaboration: no figures for either side, no sector of the invited party.
    expect(created.durability).toMatchObject({ sectors: ['ngo'], longTerm: true });
    expect((await anonymousGet(`/api/organisations/${bOrg}/durability`)).json().collaborations).toBe(0);
    const listed = (await anonymousGet(`/api/partnerships?organisationId=${bOrg}`)).json().items[0];
    expect(listed.parties.find((p: { id: string }) => p.id === bOrg).confirmation).toBe('invited');

    const url = answerUrl(created.id, bOrg, 'confirm');
    expect(apiError(await ctx.app.inject({ method: 'POST', url, payload: { version: 1 } }))).toMatchObject({
      status: 401,
    });
    expect(apiError(await b.client.post(url, {}))).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      paths: ['body.version'],
    });
    // The organisation that named it, an unrelated editor, a scoped coordinator of another
    // area and the party's own viewer may not answer for it.
    const elsewhere = await makeOrganisation(db, { type: 'lkks', level: 'regency', areaCode: '52.06' });
    const bimaCoordinator = await sessionFor(
      ctx.app,
      await makeUser(db, [{ organisationId: elsewhere, role: 'coordinator', areaScope: '52.06' }]),
    );
    for (const client of [
      a.client,
      (await clientWith('org_editor')).client,
      (await clientWith('org_admin')).client,
      (await clientWith('viewer', bOrg)).client,
    ]) {
      expect(apiError(await client.post(url, { version: 1 }))).toMatchObject({
        status: 403,
        code: 'FORBIDDEN',
      });
    }
    // Outside the Bima coordinator's area the agreement is not even found.
    expect(apiError(await bimaCoordinator.post(url, { version: 1 }))).toMatchObject({
      status: 404,
      code: 'PARTNERSHIP_NOT_FOUND',
    });
    expect(
      apiError(await admin.post(answerUrl(created.id, elsewhere, 'confirm'), { version: 1 })),
    ).toMatchObject({ status: 404, code: 'PARTNERSHIP_PARTY_NOT_FOUND' });
    expect(
      apiError(await b.client.post(answerUrl(randomUUID(), bOrg, 'confirm'), { version: 1 })),
    ).toMatchObject({
      status: 404,
      code: 'PARTNERSHIP_NOT_FOUND',
    });
    expect(apiError(await b.client.post(url, { version: 2 }))).toMatchObject({
      status: 409,
      code: 'VERSION_CONFLICT',
    });
    // While invited, the party's editor sees it and may answer, but may not change it.
    const seen = (await b.client.get(`/api/partnerships/${created.id}`)).json();
    expect(seen.canEdit).toBe(false);
    expect(seen.parties.find((p: { id: string }) => p.id === bOrg).canRespond).toBe(true);
    expect(
      apiError(
        await put(b.client, `/api/partnerships/${created.id}`, {
          ...newPartnership([a.orgId, bOrg]),
          version: 1,
        }),
      ),
    ).toMatchObject({ status: 403 });
    expect(await confirmations(created.id)).toEqual({ [a.orgId]: 'confirmed', [bOrg]: 'invited' });
    expect((await auditOf(created.id)).map((e) => e.action)).toEqual(['create']);

    const confirmed = await b.client.post(url, { version: 1 });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ version: 2, canEdit: true });
    expect(confirmed.json().durability.sectors).toEqual(['ngo', 'university']);
    expect((await anonymousGet(`/api/organisations/${bOrg}/durability`)).json()).toMatchObject({
      collaborations: 1,
      longTerm: 1,
      partnerSectors: ['ngo'],
    });
    // The same answer twice changes nothing; one audit entry per answer.
    expect((await b.client.post(url, { version: 2 })).json().version).toBe(2);
    const entries = await auditOf(created.id);
    expect(entries.map((e) => e.action)).toEqual(['create', 'confirm_party']);
    expect(entries[1]).toMatchObject({
      actor_user_id: b.user.id,
      before: { organisationId: bOrg, confirmation: 'invited' },
      after: { organisationId: bOrg, confirmation: 'confirmed' },
    });

    // Declining takes it out of the figures again, and survives an edit of other fields.
    const declined = await b.client.post(answerUrl(created.id, bOrg, 'decline'), { version: 2 });
    expect(declined.json().parties.find((p: { id: string }) => p.id === bOrg).confirmation).toBe('declined');
    expect((await anonymousGet(`/api/organisations/${bOrg}/durability`)).json().collaborations).toBe(0);
    // The answers read back in the audit trail as what they are.
    const trail = await admin.get(`/api/audit?entityType=partnership&entityId=${created.id}`);
    expect(trail.statusCode, trail.body).toBe(200);
    expect(
      trail
        .json()
        .items.map((e: { action: string }) => e.action)
        .sort(),
    ).toEqual(['confirm_party', 'create', 'decline_party']);
    const retitled = await put(a.client, `/api/partnerships/${created.id}`, {
      ...newPartnership([a.orgId, bOrg], { startsOn: '2020-01-01' }),
      version: 3,
    });
    expect(retitled.statusCode, retitled.body).toBe(200);
    expect(await confirmations(created.id)).toEqual({ [a.orgId]: 'confirmed', [bOrg]: 'declined' });
  });

  it('a coordinator of the party’s area and a platform administrator may answer for it', async () => {
    const a = await clientWith('org_editor');
    const lotimOrg = await makeOrganisation(db, { areaCode: '52.03.01' });
    const bimaOrg = await makeOrganisation(db, { areaCode: '52.06' });
    const created = await create(
      a.client,
      newPartnership([a.orgId, lotimOrg, bimaOrg], { status: 'signed' }),
    );
    const lkks = await makeOrganisation(db, { type: 'lkks', level: 'regency', areaCode: '52.03' });
    const lotim = await sessionFor(
      ctx.app,
      await makeUser(db, [{ organisationId: lkks, role: 'coordinator', areaScope: '52.03' }]),
    );
    const seen = (await lotim.get(`/api/partnerships/${created.id}`)).json();
    const canRespond = Object.fromEntries(
      seen.parties.map((p: { id: string; canRespond: boolean }) => [p.id, p.canRespond]),
    );
    expect(canRespond).toEqual({ [a.orgId]: true, [lotimOrg]: true, [bimaOrg]: false });
    expect(
      apiError(await lotim.post(answerUrl(created.id, bimaOrg, 'confirm'), { version: 1 })),
    ).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect((await lotim.post(answerUrl(created.id, lotimOrg, 'confirm'), { version: 1 })).statusCode).toBe(
      200,
    );
    expect((await admin.post(answerUrl(created.id, bimaOrg, 'decline'), { version: 2 })).statusCode).toBe(
      200,
    );
    expect(await confirmations(created.id)).toEqual({
      [a.orgId]: 'confirmed',
      [lotimOrg]: 'confirmed',
      [bimaOrg]: 'declined',
    });
  });
});

describe('durability follows the organisation’s visibility', () => {
  it('is not found wherever the organisation’s detail is not found', async () => {
    const hidden = await makeOrganisation(db);
    const rejected = await makeOrganisation(db);
    await setVerificationStatus(db, rejected, 'rejected');
    const verified = await makeOrganisation(db);
    await setVerificationStatus(db, verified, 'verified');
    await create(admin, newPartnership([hidden, verified], { status: 'active' }));
    const bimaOrg = await makeOrganisation(db, { areaCode: '52.06' });
    const lkks = await makeOrganisation(db, { type: 'lkks', level: 'regency', areaCode: '52.03' });
    const lotim = await sessionFor(
      ctx.app,
      await makeUser(db, [{ organisationId: lkks, role: 'coordinator', areaScope: '52.03' }]),
    );
    const cases: Array<[Client | null, string]> = [
      [null, hidden],
      [null, rejected],
      [null, verified],
      [lotim, bimaOrg],
      [lotim, hidden],
      [admin, hidden],
    ];
    for (const [client, id] of cases) {
      const detail = client
        ? await client.get(`/api/organisations/${id}`)
        : await anonymousGet(`/api/organisations/${id}`);
      const measures = client
        ? await client.get(`/api/organisations/${id}/durability`)
        : await anonymousGet(`/api/organisations/${id}/durability`);
      expect(measures.statusCode, `${client ? 'signed in' : 'anonymous'} ${id}`).toBe(detail.statusCode);
      if (detail.statusCode === 404)
        expect(apiError(measures)).toMatchObject({ code: 'ORGANISATION_NOT_FOUND' });
    }
    // The hidden organisation exists, so the 404 above is about visibility.
    expect((await anonymousGet(`/api/organisations/${hidden}/durability`)).statusCode).toBe(404);
    expect((await admin.get(`/api/organisations/${hidden}/durability`)).json().collaborations).toBe(1);
  });

  it('counts for an area-scoped reader only the collaborations they can see', async () => {
    // Seated in Bima, working in Lombok Timur: the Lombok Timur coordinator sees the
    // organisation (coverage), not its agreement with another Bima organisation.
    const bima = await makeOrganisation(db, { areaCode: '52.06', coverageAreas: ['52.03'] });
    const bimaPartner = await makeOrganisation(db, { areaCode: '52.06' });
    const agreement = await create(admin, newPartnership([bima, bimaPartner], { status: 'active' }));
    const lkks = await makeOrganisation(db, { type: 'lkks', level: 'regency', areaCode: '52.03' });
    const lotim = await sessionFor(
      ctx.app,
      await makeUser(db, [{ organisationId: lkks, role: 'coordinator', areaScope: '52.03' }]),
    );
    expect((await lotim.get(`/api/organisations/${bima}`)).statusCode).toBe(200);
    expect((await lotim.get(`/api/partnerships/${agreement.id}`)).statusCode).toBe(404);
    expect((await lotim.get(`/api/organisations/${bima}/durability`)).json()).toMatchObject({
      collaborations: 0,
      longTermShare: null,
      partnerSectors: [],
    });
    expect((await admin.get(`/api/organisations/${bima}/durability`)).json()).toMatchObject({
      collaborations: 1,
      partnerSectors: ['ngo'],
    });
  });
});
