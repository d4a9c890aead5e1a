/**
 * The program recap import through the API, on a real database with the pg-boss job
 * runner started as `serve` starts it: upload → preview → resolve → commit (job) →
 * status, then the programs, villages and map figures in the database. The shared
 * sample pins what a careful person reads from a real recap; the self-made fixture
 * (tests/fixtures) covers refusal and re-import everywhere.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  honestBomb,
  lyingBomb,
  manyEntries,
  workbookCarryingBomb,
} from '../../../../../tests/fixtures/hostile-xlsx.ts';
import {
  type Client,
  makeOrganisation,
  makeUser,
  multipartBody,
  sessionFor,
} from '../../../../../tests/support/factories.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestContext } from '../../../../../tests/support/test-db.ts';
import type {
  ImportMappingBody,
  ImportPreview,
  ImportStatus,
  UploadedWorkbook,
} from '../../../../shared/contracts/program-import.ts';
import { PROJECT_ROOT } from '../../../config.ts';
import { startJobs } from '../../../jobs/boss.ts';

const SAMPLE = path.resolve(PROJECT_ROOT, '../shared/samples/rekap-program-csr-2025.xlsx');
const FIXTURE = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'program-recap-small.xlsx');
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The organisations the sample names (fictional), created here under those names. */
/** The sample's kabupaten written as aliases, each shown as a correction (issue 8). */
const ALIASES: unknown[] = [[7, 'LOTIM', true]];

const SAMPLE_OWNERS = [
  'PT Contoh Tambang Sumbawa',
  'Bank Daerah Contoh',
  'Yayasan Peduli Contoh',
  'Baznas Contoh',
  'Universitas Contoh',
  'PT Listrik Contoh',
  'LSM Jiwa Sehat Contoh',
  'Dinas Sosial Contoh',
] as const;

let ctx: TestContext;
let coordinator: Client;
let otherCoordinator: Client;
let viewer: Client;
let editor: Client;
const orgIds = new Map<string, string>();
const orgKeys = new Map<string, string>();
let reportingOrgId: string;
let partnerOrgId: string;

beforeAll(async () => {
  ctx = await createTestApp();
  // The job runner, as `serve` starts it; the import registers its worker on it.
  ctx.app.jobs = await startJobs(ctx.database);
  const db = ctx.database.db;
  const lkks = await makeOrganisation(db, {
    legalName: 'LKKS NTB Uji Impor',
    type: 'lkks',
    level: 'province',
    areaCode: '52',
  });
  for (const name of SAMPLE_OWNERS)
    orgIds.set(name, await makeOrganisation(db, { legalName: name, areaCode: '52.71' }));
  reportingOrgId = await makeOrganisation(db, { legalName: 'Yayasan Uji Impor', areaCode: '52.02' });
  partnerOrgId = await makeOrganisation(db, { legalName: 'Yayasan Mitra Uji', areaCode: '52.02' });
  for (const row of await db.selectFrom('organisations').select(['id', 'key', 'legal_name']).execute()) {
    orgKeys.set(row.legal_name, row.key);
  }
  coordinator = await sessionFor(
    ctx.app,
    await makeUser(db, [{ organisationId: lkks, role: 'coordinator' }]),
  );
  otherCoordinator = await sessionFor(
    ctx.app,
    await makeUser(db, [{ organisationId: lkks, role: 'coordinator' }]),
  );
  viewer = await sessionFor(ctx.app, await makeUser(db, [{ organisationId: lkks, role: 'viewer' }]));
  editor = await sessionFor(
    ctx.app,
    await makeUser(db, [{ organisationId: partnerOrgId, role: 'org_editor' }]),
  );
});
afterAll(async () => {
  await ctx?.app.jobs?.stop();
  await ctx?.close();
});

async function upload(client: Client, content: Buffer | string, filename = 'rekap.xlsx') {
  return client.upload('/api/programs/import/workbooks', { filename, content, contentType: XLSX_TYPE });
}

async function uploaded(
  client: Client,
  content: Buffer | string,
  filename?: string,
): Promise<UploadedWorkbook> {
  const response = await upload(client, content, filename);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function preview(client: Client, id: string, body: ImportMappingBody): Promise<ImportPreview> {
  const response = await client.post(`/api/programs/import/${id}/preview`, body);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

/** Commits and follows the job to its end (the job runner polls every two seconds at most). */
async function commitAndWait(client: Client, id: string, body: ImportMappingBody): Promise<ImportStatus> {
  const response = await client.post(`/api/programs/import/${id}/commit`, body);
  expect(response.statusCode, response.body).toBe(200);
  expect(['queued', 'running', 'done']).toContain(response.json().state);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const status: ImportStatus = (await client.get(`/api/programs/import/${id}`)).json();
    if (status.state === 'done' || status.state === 'failed' || Date.now() > deadline) return status;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

async function programsOwnedBy(ownerIds: string[]) {
  return ctx.database.db
    .selectFrom('programs')
    .select([
      'id',
      'key',
      'title',
      'owner_org_id',
      'budget_planned',
      'period_start',
      'period_end',
      'modality',
      'status',
      'source',
    ])
    .where('owner_org_id', 'in', ownerIds)
    .orderBy('key')
    .execute();
}

async function villagesOf(programId: string) {
  const rows = await ctx.database.db
    .selectFrom('program_villages')
    .select(['village_code', 'target_households'])
    .where('program_id', '=', programId)
    .orderBy('village_code')
    .execute();
  return rows.map((r) => r.village_code);
}

async function issuesOf(programId: string) {
  const rows = await ctx.database.db
    .selectFrom('program_issues')
    .select('issue_code')
    .where('program_id', '=', programId)
    .orderBy('issue_code')
    .execute();
  return rows.map((r) => r.issue_code);
}

describe('access and unreadable files', () => {
  it('answers 401 to visitors and 403 to viewers', async () => {
    const file = readFileSync(FIXTURE);
    const anonymous = await ctx.app.inject({
      method: 'POST',
      url: '/api/programs/import/workbooks',
      ...multipartBody({ filename: 'rekap.xlsx', content: file }),
    });
    expect(anonymous.statusCode).toBe(401);
    const refused = await upload(viewer, file);
    expect(refused.statusCode).toBe(403);
  });

  it('refuses what is not a spreadsheet, and a workbook that unpacks to too much', async () => {
    const garbage = await upload(coordinator, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]), 'lama.xls');
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().error.code).toBe('IMPORT_FILE_INVALID');
    const empty = await upload(coordinator, Buffer.alloc(0), 'kosong.csv');
    expect(empty.json().error.code).toBe('IMPORT_FILE_INVALID');

    // A zip whose central directory announces 200 MB for a small sheet: what it states is not what it holds.
    const liar = Buffer.from(readFileSync(FIXTURE));
    const end = liar.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const directory = liar.readUInt32LE(end + 16);
    liar.writeUInt32LE(200 * 1024 * 1024, directory + 24);
    const refused = await upload(coordinator, liar);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({
      code: 'IMPORT_FILE_INVALID',
      details: [{ path: 'file', code: 'size_mismatch' }],
    });
  });

  it('refuses zip bombs by the bytes actually inflated, two at once, storing nothing', async () => {
    const sessions = async () =>
      Number((await ctx.database.pool.query('select count(*) as n from program_import_sessions')).rows[0].n);
    const before = await sessions();
    const bombs = [await honestBomb(), await lyingBomb()];
    const answers = await Promise.all(bombs.map((bomb) => upload(coordinator, bomb)));
    for (const answer of answers) {
      expect(answer.statusCode).toBe(413);
      expect(answer.json().error).toMatchObject({
        code: 'FILE_UNPACKS_TOO_LARGE',
        details: [{ path: 'file', code: 'compression_ratio' }],
      });
    }
    const many = await upload(coordinator, manyEntries(3_000));
    expect(many.json().error).toMatchObject({
      code: 'FILE_UNPACKS_TOO_LARGE',
      details: [{ code: 'too_many_entries' }],
    });
    // A bomb nested inside a workbook is never unpacked: the workbook around it reads normally.
    const nested = await upload(
      coordinator,
      await workbookCarryingBomb([
        ['Nama Program', 'Pelaksana', 'Desa'],
        ['Bedah rumah', 'Yayasan Uji', 'Pijot'],
      ]),
    );
    expect(nested.statusCode).toBe(200);
    expect(await sessions()).toBe(before + 1);
  });

  it("keeps each upload to its owner: another user's import is not found", async () => {
    const session = await uploaded(coordinator, readFileSync(FIXTURE));
    const other = await otherCoordinator.get(`/api/programs/import/${session.importId}`);
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('IMPORT_SESSION_NOT_FOUND');
    const mine = await coordinator.get(`/api/programs/import/${session.importId}`);
    expect(mine.json()).toMatchObject({ state: 'uploaded', progress: { done: 0, total: 0 } });
  });

  it('answers 410 once an upload has expired', async () => {
    const session = await uploaded(coordinator, readFileSync(FIXTURE));
    await sql`update program_import_sessions set expires_at = now() - interval '1 minute' where id = ${session.importId}`.execute(
      ctx.database.db,
    );
    const expired = await coordinator.post(`/api/programs/import/${session.importId}/preview`, {
      sheet: 'Data Program',
      headerRow: 3,
      columns: {},
    });
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error.code).toBe('IMPORT_SESSION_EXPIRED');
    // The next upload drops the expired cells; the status stays readable.
    await uploaded(coordinator, readFileSync(FIXTURE));
    const { rows } = await ctx.database.pool.query(
      'select workbook is null as dropped from program_import_sessions where id = $1',
      [session.importId],
    );
    expect(rows).toEqual([{ dropped: true }]);
    expect((await coordinator.get(`/api/programs/import/${session.importId}`)).statusCode).toBe(200);
  });
});

describe('the self-made fixture', () => {
  const body = (resolutions: ImportMappingBody['resolutions'] = []): ImportMappingBody => ({
    sheet: 'Data Program',
    headerRow: 3,
    columns: {},
    ownerOrgId: reportingOrgId,
    defaults: { status: 'active' },
    resolutions,
  });

  it('shows the sheet that holds the table, with its header row and mapping guessed', async () => {
    const session = await uploaded(coordinator, readFileSync(FIXTURE));
    expect(session.sheets.map((s) => s.name)).toEqual(['Petunjuk', 'Data Program']);
    expect(session.preview).toMatchObject({
      name: 'Data Program',
      guess: {
        headerRow: 3,
        year: 2025,
        columns: {
          title: 'B',
          kabupaten: 'C',
          kecamatan: 'D',
          villages: 'E',
          budgetPlanned: 'F',
          period: 'G',
          issues: 'H',
          modality: 'I',
          partners: 'J',
        },
      },
    });
    // The merged title stays in its first cell only.
    expect(session.preview.grid[0]).toEqual({
      row: 1,
      cells: ['REKAP PROGRAM YAYASAN UJI IMPOR TAHUN 2025'],
    });
    const other = await coordinator.get(`/api/programs/import/${session.importId}/sheet?name=Petunjuk`);
    expect(other.json()).toMatchObject({ name: 'Petunjuk', guess: { headerRow: null } });
  });

  it('refuses to commit a file with an invalid cell and writes nothing', async () => {
    const session = await uploaded(coordinator, readFileSync(FIXTURE));
    const checked = await preview(coordinator, session.importId, body());
    expect(checked.valid).toBe(false);
    expect(checked.problems).toEqual([
      expect.objectContaining({ row: 8, column: 'F', field: 'budgetPlanned', code: 'money_not_an_amount' }),
    ]);
    const refused = await coordinator.post(`/api/programs/import/${session.importId}/commit`, body());
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({
      code: 'IMPORT_NOT_VALID',
      details: [expect.objectContaining({ path: 'F8', code: 'money_not_an_amount' })],
    });
    expect(await programsOwnedBy([reportingOrgId])).toEqual([]);
    const status = (await coordinator.get(`/api/programs/import/${session.importId}`)).json();
    expect(status.state).toBe('uploaded');
  });

  it('imports once resolved, then updates instead of duplicating on a second import', async () => {
    const resolved = body([{ row: 8, column: 'F', value: '100000000' }]);
    const first = await uploaded(coordinator, readFileSync(FIXTURE));
    const checked = await preview(coordinator, first.importId, resolved);
    expect(checked.problems).toEqual([]);
    expect(checked.skipped).toEqual([{ row: 10, reason: 'totals' }]);
    expect(checked.warnings.map((w) => [w.row, w.column, w.code])).toEqual(
      expect.arrayContaining([
        [3, 'F', 'budget_unit_from_header'],
        [6, 'F', 'budget_unit_ignored'],
      ]),
    );
    expect(
      checked.programs.map((p) => ({
        title: p.title,
        rows: p.rows,
        budget: p.budgetPlanned,
        villages: p.villages.map((v) => v.code),
        partners: p.partners.map((x) => x.name),
        exists: p.exists,
      })),
    ).toEqual([
      {
        title: 'Sekolah Lapang Gizi',
        rows: [4, 5],
        budget: 200_000_000,
        villages: ['52.02.04.2003', '52.02.04.2006', '52.02.05.2007'],
        partners: ['Yayasan Mitra Uji'],
        exists: false,
      },
      {
        title: 'Jamban Sehat',
        rows: [6],
        budget: 95_000_000,
        villages: ['52.03.03.2006'],
        partners: [],
        exists: false,
      },
      {
        title: 'Bantuan Modal UMKM',
        rows: [7],
        budget: 50_000_000,
        villages: ['52.03.01.2002'],
        partners: [],
        exists: false,
      },
      {
        title: 'Paket Lansia',
        rows: [8],
        budget: 100_000_000,
        villages: ['52.71.01.1008'],
        partners: [],
        exists: false,
      },
    ]);

    const done = await commitAndWait(coordinator, first.importId, resolved);
    expect(done).toMatchObject({
      state: 'done',
      progress: { done: 5, total: 5 },
      result: { created: 4, updated: 0, unchanged: 0 },
      error: null,
    });
    // Written by the pg-boss worker, not inline.
    const { rows: jobs } = await ctx.database.pool.query(
      `select state from pgboss.job where name = 'program-import' and data->>'importId' = $1`,
      [first.importId],
    );
    expect(jobs).toEqual([{ state: 'completed' }]);
    const written = await programsOwnedBy([reportingOrgId]);
    const ownerKey = orgKeys.get('Yayasan Uji Impor');
    expect(written.map((p) => [p.key, p.modality, p.status, p.source])).toEqual([
      [`${ownerKey}.bantuan-modal-umkm.2025`, 'productive_asset', 'active', 'import'],
      [`${ownerKey}.jamban-sehat.2025`, 'infrastructure', 'active', 'import'],
      [`${ownerKey}.paket-lansia.2025`, 'in_kind', 'active', 'import'],
      [`${ownerKey}.sekolah-lapang-gizi.2025`, 'training', 'active', 'import'],
    ]);
    const gizi = written.find((p) => p.title === 'Sekolah Lapang Gizi');
    expect(gizi).toMatchObject({
      period_start: '2025-01-01',
      period_end: '2025-06-30',
      budget_planned: 200_000_000,
    });
    const partners = await ctx.database.db
      .selectFrom('program_partners')
      .select(['organisation_id', 'role'])
      .where('program_id', '=', gizi?.id as string)
      .execute();
    expect(partners).toEqual([{ organisation_id: partnerOrgId, role: 'implementer' }]);
    const audited = await ctx.database.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('entity_type', '=', 'program')
      .where(
        'entity_id',
        'in',
        written.map((p) => p.id),
      )
      .execute();
    expect(audited).toHaveLength(4);

    // The same file again: the session is new, the programs are not.
    const again = await uploaded(coordinator, readFileSync(FIXTURE));
    const second = await preview(coordinator, again.importId, resolved);
    expect(second.programs.every((p) => p.exists)).toBe(true);
    const repeated = await commitAndWait(coordinator, again.importId, resolved);
    expect(repeated).toMatchObject({ state: 'done', result: { created: 0, updated: 0, unchanged: 4 } });
    expect(await programsOwnedBy([reportingOrgId])).toHaveLength(4);
    const commitTwice = await coordinator.post(`/api/programs/import/${again.importId}/commit`, resolved);
    expect(commitTwice.json().error.code).toBe('IMPORT_ALREADY_COMMITTED');

    // A changed amount updates the one program it belongs to.
    const changed = await uploaded(coordinator, readFileSync(FIXTURE));
    const updated = await commitAndWait(
      coordinator,
      changed.importId,
      body([{ row: 8, column: 'F', value: '125000000' }]),
    );
    expect(updated).toMatchObject({ state: 'done', result: { created: 0, updated: 1, unchanged: 3 } });
  });

  it('lets an editor import only for their own organisation', async () => {
    const session = await uploaded(editor, readFileSync(FIXTURE));
    const forOther = await editor.post(`/api/programs/import/${session.importId}/preview`, body());
    expect(forOther.statusCode).toBe(403);
    const own = await preview(editor, session.importId, {
      ...body([{ row: 8, column: 'F', value: '1' }]),
      ownerOrgId: partnerOrgId,
    });
    // The partner column names the editor's own organisation: it is the owner, not its own partner.
    expect(own.problems).toEqual([]);
    expect(own.programs[0]?.partners).toEqual([]);
  });

  it('lets an area coordinator record only the programs inside their area', async () => {
    const lotim = await makeOrganisation(ctx.database.db, {
      type: 'lkks',
      level: 'regency',
      areaCode: '52.03',
    });
    const client = await sessionFor(
      ctx.app,
      await makeUser(ctx.database.db, [{ organisationId: lotim, role: 'coordinator', areaScope: '52.03' }]),
    );
    // An organisation of Lombok Timur: one seated elsewhere is not even visible to this coordinator.
    const owner = await makeOrganisation(ctx.database.db, {
      legalName: 'Yayasan Lotim Uji',
      areaCode: '52.03',
    });
    const session = await uploaded(client, readFileSync(FIXTURE));
    const checked = await preview(client, session.importId, {
      ...body([{ row: 4, column: 'J', item: 'Yayasan Mitra Uji', value: '' }]),
      ownerOrgId: owner,
    });
    // Rows 4-5 (Lombok Tengah) and 8 (Mataram) lie outside Lombok Timur; 6 and 7 inside.
    expect(checked.problems.map((p) => [p.row, p.code])).toEqual([
      [4, 'owner_not_permitted'],
      [8, 'money_not_an_amount'],
    ]);
  });

  it('reads a CSV export of a recap, and works with the admin token', async () => {
    const csv = [
      'Nama Program;Kabupaten/Kota;Kecamatan;Desa;Nilai;Waktu Pelaksanaan;Bidang;Jenis Bantuan',
      'Posyandu Keliling;Lombok Utara;Bayan;Sukadana;Rp 40.000.000;Juli - September 2025;Kesehatan;Layanan',
    ].join('\r\n');
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/programs/import/workbooks',
      headers: {
        authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
        'content-type': 'multipart/form-data; boundary=x',
      },
      payload: `--x\r\nContent-Disposition: form-data; name="file"; filename="rekap.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--x--\r\n`,
    });
    expect(response.statusCode, response.body).toBe(200);
    const session: UploadedWorkbook = response.json();
    expect(session.sheets).toEqual([{ name: 'rekap', rows: 2, columns: 8 }]);
    const checked = await ctx.app.inject({
      method: 'POST',
      url: `/api/programs/import/${session.importId}/preview`,
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      payload: { sheet: 'rekap', headerRow: 1, columns: {}, ownerOrgId: reportingOrgId },
    });
    expect(checked.statusCode, checked.body).toBe(200);
    expect(checked.json()).toMatchObject({
      valid: true,
      programs: [
        {
          title: 'Posyandu Keliling',
          budgetPlanned: 40_000_000,
          villages: [expect.objectContaining({ code: '52.08.04.2004' })],
          periodStart: '2025-07-01',
          periodEnd: '2025-09-30',
          modality: 'service',
          issues: ['kesehatan'],
        },
      ],
    });
  });
  it('reports text over its limit as a row problem instead of cutting it', async () => {
    const longTitle = `Posyandu ${'panjang '.repeat(60)}`.trim();
    const csv = [
      'Nama Program;Uraian;Kabupaten/Kota;Kecamatan;Desa;Nilai;Waktu Pelaksanaan;Bidang;Jenis Bantuan',
      `Posyandu Keliling;${'u'.repeat(200_000)};Lombok Utara;Bayan;Sukadana;Rp 40.000.000;Juli - September 2025;Kesehatan;Layanan`,
      `${longTitle};Singkat;Lombok Utara;Bayan;Sukadana;Rp 40.000.000;Juli - September 2025;Kesehatan;Layanan`,
    ].join('\r\n');
    const session = await uploaded(coordinator, csv, 'rekap.csv');
    const checked = await preview(coordinator, session.importId, {
      sheet: 'rekap',
      headerRow: 1,
      columns: {},
      ownerOrgId: reportingOrgId,
    });
    expect(checked.valid).toBe(false);
    const tooLong = checked.problems.filter((p) => p.code === 'too_long');
    expect(tooLong).toEqual([
      expect.objectContaining({ row: 2, column: 'B', message: 'description: at most 5000 characters' }),
      expect.objectContaining({ row: 3, column: 'A', message: 'title: at most 300 characters' }),
    ]);
    const commit = await coordinator.post(`/api/programs/import/${session.importId}/commit`, {
      sheet: 'rekap',
      headerRow: 1,
      columns: {},
      ownerOrgId: reportingOrgId,
    });
    expect(commit.statusCode).toBe(400);
    expect(await programsOwnedBy([reportingOrgId])).not.toContainEqual(
      expect.objectContaining({ title: 'Posyandu Keliling' }),
    );
  });
});

describe.runIf(existsSync(SAMPLE) || process.env.CI === 'true')(
  'the shared sample rekap-program-csr-2025.xlsx',
  () => {
    const mapping = (resolutions: ImportMappingBody['resolutions'] = []): ImportMappingBody => ({
      sheet: 'Rekap 2025',
      headerRow: 4,
      columns: {},
      defaults: { status: 'active' },
      resolutions,
    });
    /** What a careful person writes down from the sheet, program by program. */
    const EXPECTED = [
      {
        title: 'Gizi Seimbang Ibu dan Balita',
        owner: 'PT Contoh Tambang Sumbawa',
        rows: [5, 6, 14],
        // Belo; Bukit Damai and Maluk; Tongo and Sekongkang Atas — three rows, one program.
        villages: ['52.07.01.2002', '52.07.04.2001', '52.07.04.2003', '52.07.08.2001', '52.07.08.2003'],
        wholeAreas: [],
        // Rp 450 + 380 + 410 juta: the money is split by location, so it adds up.
        budgetPlanned: 1_240_000_000,
        budgetRule: 'summed',
        periodStart: '2025-03-01',
        periodEnd: '2025-12-31',
        // "Layanan + PMT": both consumptive; the first named is taken.
        modality: 'service',
        issues: ['tengkes'],
        targetHouseholds: 880,
      },
      {
        title: 'Modal Usaha Perempuan Kepala Keluarga',
        owner: 'Bank Daerah Contoh',
        rows: [7],
        villages: ['52.03.01.2002'],
        wholeAreas: [],
        budgetPlanned: 150_000_000,
        budgetRule: 'single',
        // A date cell: one day, with a warning that it may be only the start.
        periodStart: '2025-04-01',
        periodEnd: '2025-04-01',
        modality: 'productive_asset',
        issues: ['kemiskinan_ekstrem'],
        targetHouseholds: 75,
      },
      {
        title: 'Bedah Rumah (RTLH)',
        owner: 'Yayasan Peduli Contoh',
        rows: [8],
        // Sukadana in Pujut, Lombok Tengah.
        villages: ['52.02.04.2003'],
        wholeAreas: [],
        budgetPlanned: 250_000_000,
        budgetRule: 'single',
        periodStart: '2025-06-01',
        periodEnd: '2025-11-30',
        // "Barang": the partner gave materials.
        modality: 'in_kind',
        issues: ['perumahan_rtlh'],
        targetHouseholds: 20,
      },
      {
        title: 'Sembako Lansia',
        owner: 'Baznas Contoh',
        rows: [9],
        // No kecamatan, but Lombok Timur has one Sukadana, in Terara, as Keterangan says.
        villages: ['52.03.03.2006'],
        wholeAreas: [],
        budgetPlanned: 90_000_000,
        budgetRule: 'single',
        // Ramadhan 1446 H, approximately (warned).
        periodStart: '2025-03-01',
        periodEnd: '2025-03-30',
        modality: 'in_kind',
        issues: ['lansia'],
        targetHouseholds: 600,
      },
      {
        title: 'KKN Tematik Cegah Kawin Anak',
        owner: 'Universitas Contoh',
        rows: [10],
        // Naru, Naru Barat, Bugis — all in Sape, Kab. Bima.
        villages: ['52.06.06.2004', '52.06.06.2005', '52.06.06.2015'],
        wholeAreas: [],
        budgetPlanned: 75_500_000,
        budgetRule: 'single',
        periodStart: '2025-07-01',
        periodEnd: '2025-08-31',
        modality: 'training',
        issues: ['perkawinan_anak'],
        targetHouseholds: null,
      },
      {
        title: 'Pasang Baru Listrik Gratis',
        owner: 'PT Listrik Contoh',
        rows: [11],
        // Sukadana in Bayan, Lombok Utara; "Rp 1,2 M" = 1,2 miliar.
        villages: ['52.08.04.2004'],
        wholeAreas: [],
        budgetPlanned: 1_200_000_000,
        budgetRule: 'single',
        periodStart: '2025-01-01',
        periodEnd: '2025-12-31',
        modality: 'infrastructure',
        issues: ['kemiskinan_ekstrem'],
        targetHouseholds: 140,
      },
      {
        title: 'Pendampingan ODGJ Bebas Pasung',
        owner: 'LSM Jiwa Sehat Contoh',
        rows: [12],
        // The kelurahan Taman Sari in Ampenan (not the desa in Gunungsari).
        villages: ['52.71.01.1008'],
        wholeAreas: [],
        budgetPlanned: 60_000_000,
        budgetRule: 'single',
        periodStart: '2025-01-01',
        periodEnd: '2025-12-31',
        modality: 'service',
        issues: ['odgj'],
        targetHouseholds: 35,
      },
      {
        title: 'Kursi Roda Penyandang Disabilitas',
        owner: 'Dinas Sosial Contoh',
        rows: [13],
        villages: [],
        // No village: the kecamatan the row names, once the user has chosen it over Keterangan's "seluruh kecamatan".
        wholeAreas: ['52.02.01'],
        budgetPlanned: 185_000_000,
        budgetRule: 'single',
        periodStart: '2025-10-01',
        periodEnd: '2025-10-31',
        modality: 'in_kind',
        issues: ['disabilitas'],
        targetHouseholds: 100,
      },
    ];

    it('reads the programs a person would, and asks only where the file contradicts itself', async () => {
      const session = await uploaded(coordinator, readFileSync(SAMPLE), 'rekap-program-csr-2025.xlsx');
      expect(session.sheets).toEqual([{ name: 'Rekap 2025', rows: 16, columns: 12 }]);
      expect(session.preview.guess).toMatchObject({ headerRow: 4, year: 2025 });

      const first = await preview(coordinator, session.importId, mapping());
      expect(first.columns).toEqual({
        owner: 'B',
        title: 'C',
        issues: 'D',
        kabupaten: 'E',
        kecamatan: 'F',
        villages: 'G',
        modality: 'H',
        budgetPlanned: 'I',
        period: 'J',
        targetHouseholds: 'K',
        notes: 'L',
      });
      expect(first.skipped).toEqual([{ row: 16, reason: 'totals' }]);
      expect(first.programRows).toBe(10);
      // The only question: row 13 names Kecamatan Praya, its Keterangan "seluruh kecamatan di Lombok Tengah".
      expect(first.problems).toEqual([
        {
          row: 13,
          column: 'L',
          field: 'notes',
          item: '#scope',
          code: 'area_scope_unclear',
          message: expect.stringContaining('seluruh kecamatan di Lombok Tengah'),
          params: { area: 'Kec. Praya, Kab. Lombok Tengah', text: 'seluruh kecamatan di Lombok Tengah' },
          readings: [
            { value: '52.02.01', label: 'Kec. Praya, Kab. Lombok Tengah' },
            { value: '52.02', label: 'seluruh Kab. Lombok Tengah' },
          ],
        },
      ]);
      // What needs a look but no answer.
      const warned = first.warnings.map((w) => [w.row, w.column, w.code]);
      expect(warned).toEqual(
        expect.arrayContaining([
          [7, 'J', 'period_start_only'],
          [9, 'J', 'period_hijri'],
          [5, 'H', 'modality_first_named'],
          [5, 'I', 'budget_summed'],
        ]),
      );
      // Row 7 writes LOTIM: an alias, now shown (it was read silently before issue 8).
      expect(first.warnings.filter((w) => w.row === 7).map((w) => w.code)).toEqual([
        'area_alias_read',
        'period_start_only',
      ]);
      // The kabupaten aliases are read, and shown as corrections the user may refuse.
      expect(
        first.warnings
          .filter((w) => w.code === 'area_alias_read')
          .map((w) => [w.row, w.params.text, w.reversible]),
      ).toEqual(ALIASES);

      const resolved = await preview(
        coordinator,
        session.importId,
        mapping([{ row: 13, column: 'L', item: '#scope', value: '52.02.01' }]),
      );
      expect(resolved.valid).toBe(true);
      expect(
        resolved.programs.map((p) => ({
          title: p.title,
          owner: p.owner?.name,
          rows: p.rows,
          villages: p.villages.map((v) => v.code).sort(),
          wholeAreas: p.wholeAreas.map((a) => a.code),
          budgetPlanned: p.budgetPlanned,
          budgetRule: p.budgetRule,
          periodStart: p.periodStart,
          periodEnd: p.periodEnd,
          modality: p.modality,
          issues: p.issues,
          targetHouseholds: p.targetHouseholds,
        })),
      ).toEqual(EXPECTED);
      expect(resolved.programs.reduce((sum, p) => sum + (p.budgetPlanned ?? 0), 0)).toBe(3_250_500_000);
    });

    /** Programs and budget per kabupaten on the map. */
    async function regencyFigures(): Promise<Record<string, [number, number]>> {
      const map = (await coordinator.get('/api/who-what-where/map?level=regency')).json();
      return Object.fromEntries(
        (map.cells as Array<{ areaCode: string; budgetPlanned: number; programs: number }>).map((c) => [
          c.areaCode,
          [c.programs, c.budgetPlanned],
        ]),
      );
    }

    it('writes them in one job, with villages and map figures, and a second import changes nothing', async () => {
      const body = mapping([{ row: 13, column: 'L', item: '#scope', value: '52.02.01' }]);
      const before = await regencyFigures();
      const session = await uploaded(coordinator, readFileSync(SAMPLE), 'rekap-program-csr-2025.xlsx');
      const done = await commitAndWait(coordinator, session.importId, body);
      expect(done).toMatchObject({
        state: 'done',
        progress: { done: 10, total: 10 },
        result: { created: 8, updated: 0, unchanged: 0 },
      });

      const owners = SAMPLE_OWNERS.map((name) => orgIds.get(name) as string);
      const written = await programsOwnedBy(owners);
      expect(written).toHaveLength(8);
      for (const expected of EXPECTED) {
        const program = written.find((p) => p.title === expected.title);
        expect(program, expected.title).toMatchObject({
          key: `${orgKeys.get(expected.owner)}.${expected.title
            .toLowerCase()
            .replace(/[()]/g, '')
            .replace(/\s+/g, '-')}.2025`,
          owner_org_id: orgIds.get(expected.owner),
          budget_planned: expected.budgetPlanned,
          period_start: expected.periodStart,
          period_end: expected.periodEnd,
          modality: expected.modality,
          status: 'active',
          source: 'import',
        });
        expect(await issuesOf(program?.id as string)).toEqual(expected.issues);
        const villages = await villagesOf(program?.id as string);
        if (expected.wholeAreas.length === 0) expect(villages).toEqual(expected.villages);
        else {
          // The whole kecamatan: every current village of Praya.
          const praya = await ctx.database.db
            .selectFrom('areas')
            .select('code')
            .where('level', '=', 'village')
            .where('code', 'like', '52.02.01.%')
            .where('valid_to', 'is', null)
            .orderBy('code')
            .execute();
          expect(villages).toEqual(praya.map((a) => a.code));
        }
      }

      // The map reads the fact table the writes kept current: each kabupaten's share of Rp 3.250.500.000
      // (on top of what other tests of this file wrote before).
      const after = await regencyFigures();
      const added = Object.fromEntries(
        Object.entries(after)
          .map(([code, [programs, budget]]) => {
            const [p0, b0] = before[code] ?? [0, 0];
            return [code, [programs - p0, budget - b0]] as const;
          })
          .filter(([, [programs]]) => programs > 0),
      );
      expect(added).toEqual({
        '52.02': [2, 435_000_000],
        '52.03': [2, 240_000_000],
        '52.06': [1, 75_500_000],
        '52.07': [1, 1_240_000_000],
        '52.08': [1, 1_200_000_000],
        '52.71': [1, 60_000_000],
      });

      const again = await uploaded(coordinator, readFileSync(SAMPLE), 'rekap-program-csr-2025.xlsx');
      const repeated = await commitAndWait(coordinator, again.importId, body);
      expect(repeated).toMatchObject({ state: 'done', result: { created: 0, updated: 0, unchanged: 8 } });
      expect(await programsOwnedBy(owners)).toHaveLength(8);
    });
  },
);

describe('ExcelJS dates', () => {
  it('keeps a date cell as the calendar date it shows', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Data');
    sheet.addRow([
      'Nama Program',
      'Kabupaten',
      'Desa',
      'Anggaran',
      'Tanggal Mulai',
      'Tanggal Selesai',
      'Bidang',
      'Jenis Bantuan',
    ]);
    sheet.addRow([
      'Pelatihan Kader',
      'Lombok Timur',
      'Pijot',
      15_000_000,
      new Date(Date.UTC(2025, 1, 3)),
      new Date(Date.UTC(2025, 2, 28)),
      'Kesehatan',
      'Pelatihan',
    ]);
    const session = await uploaded(coordinator, Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(session.preview.grid[1]?.cells[4]).toEqual({ d: '2025-02-03' });
    const checked = await preview(coordinator, session.importId, {
      sheet: 'Data',
      headerRow: 1,
      columns: {},
      ownerOrgId: reportingOrgId,
    });
    expect(checked.problems).toEqual([]);
    expect(checked.programs[0]).toMatchObject({ periodStart: '2025-02-03', periodEnd: '2025-03-28' });
  });
});
