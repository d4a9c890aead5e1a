import { randomBytes, randomUUID } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  honestBomb,
  lyingBomb,
  manyEntries,
  workbookCarryingBomb,
} from '../../../../tests/fixtures/hostile-xlsx.ts';
import {
  type Client,
  makeOrganisation,
  makeUser,
  multipartBody,
  signedIn,
} from '../../../../tests/support/factories.ts';
import { createTestApp, type TestContext } from '../../../../tests/support/test-db.ts';
import { ORGANISATION_COLUMNS } from './import-export-columns.ts';

const HEADERS = ORGANISATION_COLUMNS.map((c) => c.header);
type Row = Partial<Record<string, string>>;

let ctx: TestContext;
let admin: Client;
let coordinator: Client;
let lotimCoordinator: Client;
let viewer: Client;

beforeAll(async () => {
  ctx = await createTestApp();
  const db = ctx.database.db;
  const lkks = await makeOrganisation(db, { type: 'lkks', level: 'province', areaCode: '52' });
  const lkksLotim = await makeOrganisation(db, { type: 'lkks', level: 'regency', areaCode: '52.03' });
  // Each user signs in once: the login route allows only a few attempts a minute per address.
  admin = await signedIn(ctx.app, await makeUser(db, [{ organisationId: lkks, role: 'platform_admin' }]));
  coordinator = await signedIn(ctx.app, await makeUser(db, [{ organisationId: lkks, role: 'coordinator' }]));
  lotimCoordinator = await signedIn(
    ctx.app,
    await makeUser(db, [{ organisationId: lkksLotim, role: 'coordinator', areaScope: '52.03' }]),
  );
  viewer = await signedIn(ctx.app, await makeUser(db, [{ organisationId: lkks, role: 'viewer' }]));
});
afterAll(async () => {
  await ctx?.close();
});

/** A key prefix of its own for each test, so tests never meet each other's rows. */
const prefix = () => `t${randomUUID().slice(0, 8)}`;

function orgRow(key: string, overrides: Row = {}): Row {
  return {
    kode: key,
    nama_resmi: `Yayasan Uji ${key}`,
    jenis: 'ngo',
    kode_wilayah: '52.03',
    isu: 'tengkes; pendidikan',
    wilayah_cakupan: '52.03.01',
    tawaran: 'relawan',
    kontak_nama: 'Budi Uji',
    kontak_telepon: '0812-0000-0000',
    ...overrides,
  };
}

async function xlsxOf(rows: Row[], headers: string[] = HEADERS): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Mitra');
  sheet.addRow(headers);
  for (const row of rows) sheet.addRow(headers.map((h) => row[h] ?? ''));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function csvOf(rows: Row[], delimiter = ',', headers: string[] = HEADERS): Buffer {
  return Buffer.from(stringify([headers, ...rows.map((r) => headers.map((h) => r[h] ?? ''))], { delimiter }));
}

async function upload(client: Client, content: Buffer | string, filename = 'mitra.xlsx', query = '') {
  return client.upload(`/api/organisations/import${query}`, { filename, content });
}

async function countOrganisations(): Promise<number> {
  const { n } = await ctx.database.db
    .selectFrom('organisations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return n;
}

async function countAudit(): Promise<number> {
  const { n } = await ctx.database.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return n;
}

async function lastAuditId(): Promise<number> {
  const { id } = await ctx.database.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.coalesce(eb.fn.max('id'), sql<number>`0`).as('id'))
    .executeTakeFirstOrThrow();
  return Number(id);
}

async function organisationsWithPrefix(p: string) {
  return ctx.database.db
    .selectFrom('organisations')
    .select([
      'id',
      'key',
      'type',
      'level',
      'parent_id',
      'legal_name',
      'version',
      'updated_at',
      'offers',
      'contacts',
    ])
    .where('key', 'like', `${p}-%`)
    .orderBy('key')
    .execute();
}

async function xlsxRows(buffer: Buffer, sheetIndex = 0) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[sheetIndex] as ExcelJS.Worksheet;
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    rows.push(
      (row.values as ExcelJS.CellValue[])
        .slice(1)
        .map((v) => (v === null || v === undefined ? '' : String(v))),
    );
  });
  return { sheet, rows, workbook };
}

function csvRecords(buffer: Buffer): Array<Record<string, string>> {
  return parseCsv(buffer, { bom: true, columns: true }) as Array<Record<string, string>>;
}

describe('access to import and export', () => {
  it('refuses anonymous callers with 401 on every route (export and template are not taken for :id)', async () => {
    const file = multipartBody({ filename: 'm.csv', content: csvOf([orgRow(`${prefix()}-a`)]) });
    const imported = await ctx.app.inject({ method: 'POST', url: '/api/organisations/import', ...file });
    expect(imported.statusCode).toBe(401);
    for (const url of ['/api/organisations/export', '/api/organisations/import/template?format=csv']) {
      const response = await ctx.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(401);
      expect(response.json().error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses a viewer with 403, and a request without the CSRF token', async () => {
    const response = await upload(viewer, csvOf([orgRow(`${prefix()}-a`)]), 'm.csv');
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('FORBIDDEN');

    const token = coordinator.csrfToken;
    coordinator.csrfToken = 'not-the-token';
    try {
      const forged = await upload(coordinator, csvOf([orgRow(`${prefix()}-a`)]), 'm.csv');
      expect(forged.statusCode).toBe(403);
      expect(forged.json().error.code).toBe('CSRF_INVALID');
    } finally {
      coordinator.csrfToken = token;
    }
  });

  it('lets a coordinator import', async () => {
    const p = prefix();
    const response = await upload(coordinator, csvOf([orgRow(`${p}-a`)]), 'm.csv');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      committed: true,
      rows: 1,
      created: 1,
      updated: 0,
      unchanged: 0,
      problems: [],
      skipped: [],
    });
  });
});

describe('importing a file of 200 organisations', () => {
  it('reports exactly the 3 bad rows and writes nothing; the corrected file creates 200; again changes nothing', async () => {
    const p = prefix();
    const key = (i: number) => `${p}-org-${String(i + 1).padStart(3, '0')}`;
    const rows = Array.from({ length: 200 }, (_, i) =>
      orgRow(key(i), { nama_resmi: `Lembaga Uji ${p} Nomor ${i + 1}` }),
    );
    rows[4] = { ...rows[4], jenis: 'pemerintah', tingkat: 'kabupaten/kota' };
    rows[5] = { ...rows[5], kode_induk: key(4) };
    // A parent further down the file: written first all the same.
    rows[10] = { ...rows[10], kode_induk: key(150) };
    rows[20] = { ...rows[20], kontak_nama: '', kontak_telepon: '', situs_web: 'www.lembaga-uji.example.org' };

    const broken = rows.map((r) => ({ ...r }));
    broken[9] = { ...broken[9], kode_wilayah: '52.99' }; // spreadsheet row 11
    broken[56] = { ...broken[56], jenis: 'koperasi' }; // row 58
    broken[149] = { ...broken[149], nama_resmi: '' }; // row 151

    const organisationsBefore = await countOrganisations();
    const auditBefore = await countAudit();
    const failed = await upload(admin, await xlsxOf(broken));
    expect(failed.statusCode).toBe(200);
    const report = failed.json();
    expect(report).toMatchObject({ committed: false, rows: 200 });
    expect(report.problems).toHaveLength(3);
    expect(report.problems).toEqual([
      expect.objectContaining({ row: 11, column: 'kode_wilayah', code: 'unknown_area' }),
      expect.objectContaining({ row: 58, column: 'jenis', code: 'invalid_value' }),
      expect.objectContaining({ row: 151, column: 'nama_resmi', code: 'required' }),
    ]);
    expect(report.problems[1].message).toContain('koperasi');
    // The values the problems name travel as params, so the web app says them in Indonesian.
    expect(report.problems.map((p: { params?: unknown }) => p.params)).toEqual([
      { value: expect.stringMatching(/^52\./) },
      { value: 'koperasi' },
      undefined,
    ]);
    expect(await countOrganisations()).toBe(organisationsBefore);
    expect(await countAudit()).toBe(auditBefore);

    const file = await xlsxOf(rows);
    const imported = (await upload(admin, file)).json();
    expect(imported).toEqual({
      committed: true,
      rows: 200,
      created: 200,
      updated: 0,
      unchanged: 0,
      problems: [],
      skipped: [],
    });
    expect(await countOrganisations()).toBe(organisationsBefore + 200);
    expect(await countAudit()).toBe(auditBefore + 200);

    const stored = await organisationsWithPrefix(p);
    expect(stored).toHaveLength(200);
    const byKey = new Map(stored.map((o) => [o.key, o]));
    expect(byKey.get(key(4))).toMatchObject({ type: 'government', level: 'regency' });
    expect(byKey.get(key(5))?.parent_id).toBe(byKey.get(key(4))?.id);
    expect(byKey.get(key(10))?.parent_id).toBe(byKey.get(key(150))?.id);
    expect(byKey.get(key(0))?.contacts).toEqual([
      { name: 'Budi Uji', position: null, phone: '0812-0000-0000', email: null },
    ]);
    expect(byKey.get(key(20))?.contacts).toEqual([]);
    const first = await admin.get(`/api/organisations/${byKey.get(key(0))?.id}`);
    expect(first.json()).toMatchObject({
      issues: ['pendidikan', 'tengkes'],
      coverageAreas: [{ code: '52.03.01' }],
      offers: ['volunteers'],
    });
    const entries = await ctx.database.db
      .selectFrom('audit_log')
      .select(['action', 'entity_type', 'after'])
      .where('entity_id', '=', byKey.get(key(20))?.id as string)
      .execute();
    expect(entries).toEqual([
      expect.objectContaining({
        action: 'import',
        entity_type: 'organisation',
        after: expect.objectContaining({
          website: 'https://www.lembaga-uji.example.org',
          contacts: expect.stringMatching(/^0 contact\(s\), fingerprint [0-9a-f]{12}$/),
        }),
      }),
    ]);

    // (Reading one organisation above was itself audited: count from here.)
    const auditBeforeAgain = await countAudit();
    const again = (await upload(admin, file)).json();
    expect(again).toEqual({
      committed: true,
      rows: 200,
      created: 0,
      updated: 0,
      unchanged: 200,
      problems: [],
      skipped: [],
    });
    expect(await countAudit()).toBe(auditBeforeAgain);
    const after = await organisationsWithPrefix(p);
    expect(after.map((o) => [o.key, o.version, new Date(o.updated_at).toISOString()])).toEqual(
      stored.map((o) => [o.key, o.version, new Date(o.updated_at).toISOString()]),
    );
  });
});

describe('importing CSV', () => {
  it('reads `;` as the delimiter and Indonesian type, level and offer labels; updates exactly the changed row', async () => {
    const p = prefix();
    const rows = [
      orgRow(`${p}-dinsos`, { jenis: 'Pemerintah', tingkat: 'Kabupaten / Kota' }),
      orgRow(`${p}-opd`, { jenis: 'OPD', tingkat: 'provinsi', kode_wilayah: '52' }),
      orgRow(`${p}-bumd`, { jenis: 'BUMD' }),
      orgRow(`${p}-swasta`, { jenis: 'swasta' }),
      orgRow(`${p}-baznas`, { jenis: 'BAZNAS' }),
      orgRow(`${p}-laz`, { jenis: 'Yayasan Filantropi' }),
      orgRow(`${p}-unram`, { jenis: 'Perguruan Tinggi' }),
      orgRow(`${p}-lsm`, { jenis: 'LSM', tawaran: 'Dana, Barang; keahlian' }),
      orgRow(`${p}-media`, { jenis: 'media', tawaran: 'media' }),
      orgRow(`${p}-lkks`, { jenis: 'lkks', tingkat: 'kabupaten' }),
    ];
    const file = csvOf(rows, ';');
    expect(file.toString('utf8').split('\n')[0]).toContain('kode;nama_resmi;');

    const checked = (await upload(admin, file, 'mitra.csv', '?dryRun=true')).json();
    expect(checked).toMatchObject({ committed: false, created: 10, problems: [] });
    expect(await organisationsWithPrefix(p)).toEqual([]);

    const imported = (await upload(admin, file, 'mitra.csv')).json();
    expect(imported).toMatchObject({ committed: true, rows: 10, created: 10, problems: [] });
    const stored = await organisationsWithPrefix(p);
    expect(Object.fromEntries(stored.map((o) => [o.key.slice(p.length + 1), [o.type, o.level]]))).toEqual({
      dinsos: ['government', 'regency'],
      opd: ['government', 'province'],
      bumd: ['bumn_bumd', null],
      swasta: ['private_company', null],
      baznas: ['philanthropy', null],
      laz: ['philanthropy', null],
      unram: ['university', null],
      lsm: ['ngo', null],
      media: ['media', null],
      lkks: ['lkks', 'regency'],
    });
    expect(stored.find((o) => o.key === `${p}-lsm`)?.offers).toEqual(['funds', 'in_kind', 'expertise']);
    expect(stored.find((o) => o.key === `${p}-media`)?.offers).toEqual(['media_reach']);

    const auditBefore = await countAudit();
    const changed = rows.map((r) => ({ ...r }));
    changed[2] = { ...changed[2], nama_resmi: 'BUMD Uji Berganti Nama' };
    const updated = (await upload(admin, csvOf(changed, ';'), 'mitra.csv')).json();
    expect(updated).toMatchObject({ committed: true, created: 0, updated: 1, unchanged: 9, problems: [] });
    expect(await countAudit()).toBe(auditBefore + 1);

    const after = await organisationsWithPrefix(p);
    const bumd = after.find((o) => o.key === `${p}-bumd`);
    expect(bumd).toMatchObject({ legal_name: 'BUMD Uji Berganti Nama', version: 2 });
    expect(after.filter((o) => o.version !== 1).map((o) => o.key)).toEqual([`${p}-bumd`]);
    const entry = await ctx.database.db
      .selectFrom('audit_log')
      .select(['action', 'entity_type', 'before', 'after'])
      .where('entity_id', '=', bumd?.id as string)
      .where('action', '=', 'import')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.entity_type).toBe('organisation');
    expect(entry.before).toMatchObject({ legalName: `Yayasan Uji ${p}-bumd`, type: 'bumn_bumd' });
    expect(entry.after).toMatchObject({ legalName: 'BUMD Uji Berganti Nama', type: 'bumn_bumd' });
  });

  it('reads a CSV that Excel saved as Windows-1252, and leaves out columns the file does not have', async () => {
    const p = prefix();
    const headers = ['kode', 'nama_resmi', 'jenis', 'kode_wilayah', 'No.'];
    const text = `${headers.join(',')}\r\n${p}-cafe,Yayasan Café Sejahtéra,LSM,52.71,1\r\n`;
    const response = await upload(admin, Buffer.from(text, 'latin1'), 'mitra.csv');
    expect(response.json()).toMatchObject({ committed: true, created: 1, problems: [] });
    const [stored] = await organisationsWithPrefix(p);
    expect(stored?.legal_name).toBe('Yayasan Café Sejahtéra');
  });

  it('leaves the fields of columns the file does not have as they are', async () => {
    const p = prefix();
    const full = orgRow(`${p}-a`, { kontak_email: 'budi@example.org', deskripsi: 'Lama' });
    expect((await upload(admin, csvOf([full]), 'm.csv')).json()).toMatchObject({ created: 1 });
    const headers = ['kode', 'nama_resmi', 'jenis', 'kode_wilayah', 'deskripsi'];
    const partial = csvOf([{ ...full, deskripsi: 'Baru' }], ',', headers);
    expect((await upload(admin, partial, 'm.csv')).json()).toMatchObject({ committed: true, updated: 1 });
    const [stored] = await organisationsWithPrefix(p);
    const detail = (await admin.get(`/api/organisations/${stored?.id}`)).json();
    expect(detail).toMatchObject({
      description: 'Baru',
      issues: ['pendidikan', 'tengkes'],
      offers: ['volunteers'],
      coverageAreas: [{ code: '52.03.01' }],
      contacts: [{ name: 'Budi Uji', phone: '0812-0000-0000', email: 'budi@example.org' }],
    });
  });

  it('lists at most 1,000 problems and says how many more there are', async () => {
    const p = prefix();
    const rows = Array.from({ length: 1_001 }, (_, i) => orgRow(`${p}-${i}`, { nama_resmi: '' }));
    const report = (await upload(admin, csvOf(rows), 'm.csv')).json();
    expect(report.problems).toHaveLength(1_001);
    expect(report.problems[999]).toMatchObject({ row: 1_001, column: 'nama_resmi', code: 'required' });
    expect(report.problems[1_000]).toMatchObject({ row: 0, code: 'too_many_problems' });
    expect(report.problems[1_000].message).toMatch(/^1 more/);
  });

  it('reports every problem of a row, by column', async () => {
    const p = prefix();
    const file = csvOf([
      orgRow(`${p}-a`, {
        jenis: 'pemerintah',
        isu: 'tengkes; bukan-isu; isu_tidak_ada',
        wilayah_cakupan: '52.03.01; 52.3',
        tawaran: 'dana; saham',
        situs_web: 'ftp://contoh',
        kontak_nama: '',
        kontak_email: 'bukan email',
        kode_induk: `${p}-tidak-ada`,
      }),
      orgRow(`${p}-a`),
      orgRow('X'),
    ]);
    const report = (await upload(admin, file, 'mitra.csv')).json();
    expect(report.committed).toBe(false);
    expect(
      report.problems.map((x: { row: number; column: string; code: string }) => [x.row, x.column, x.code]),
    ).toEqual([
      [2, 'tingkat', 'required'],
      [2, 'kode_induk', 'unknown_parent'],
      [2, 'situs_web', 'invalid_format'],
      [2, 'isu', 'invalid_format'],
      [2, 'isu', 'unknown_issue'],
      [2, 'wilayah_cakupan', 'malformed_area_code'],
      [2, 'tawaran', 'invalid_value'],
      [2, 'kontak_nama', 'required'],
      [2, 'kontak_email', 'invalid_format'],
      [3, 'kode', 'duplicate_key'],
      [4, 'kode', 'invalid_format'],
    ]);
  });
  it('reports text over its limit as a row problem and cuts nothing', async () => {
    const p = prefix();
    const before = await countOrganisations();
    const file = csvOf([
      orgRow(`${p}-a`, { nama_resmi: `Yayasan ${'panjang '.repeat(40)}`, deskripsi: 'd'.repeat(200_000) }),
    ]);
    const report = (await upload(admin, file, 'mitra.csv')).json();
    expect(report.committed).toBe(false);
    expect(
      report.problems.map((x: { row: number; column: string; code: string; message: string }) => [
        x.row,
        x.column,
        x.code,
        x.message,
      ]),
    ).toEqual([
      [2, 'nama_resmi', 'too_long', 'at most 200 characters'],
      [2, 'deskripsi', 'too_long', 'at most 5000 characters'],
    ]);
    expect(await countOrganisations()).toBe(before);
  });
});

describe('parents the importer cannot see', () => {
  it('a kode_induk naming a hidden organisation is reported like an unknown kode; the export does not echo it', async () => {
    const db = ctx.database.db;
    const p = prefix();
    // Seated in Mataram: not visible to the Lombok Timur coordinator.
    const hidden = await makeOrganisation(db, { key: `${p}-rahasia`, areaCode: '52.71' });
    const problemsFor = async (parentKey: string) =>
      (await upload(lotimCoordinator, csvOf([orgRow(`${p}-anak`, { kode_induk: parentKey })]), 'mitra.csv'))
        .json()
        .problems.map((x: { column: string; code: string; message: string }) => ({
          column: x.column,
          code: x.code,
          message: x.message.replace(parentKey, 'KODE'),
        }));
    const forHidden = await problemsFor(`${p}-rahasia`);
    expect(forHidden).toEqual(await problemsFor(`${p}-tidak-ada`));
    expect(forHidden).toEqual([expect.objectContaining({ column: 'kode_induk', code: 'unknown_parent' })]);

    // An organisation of their area whose parent is hidden: exported with an empty kode_induk, and
    // importing that export back changes nothing (the parent is kept).
    const child = await makeOrganisation(db, {
      key: `${p}-cabang`,
      legalName: `Cabang ${p}`,
      areaCode: '52.03.01',
      parentId: hidden,
    });
    const exported = await lotimCoordinator.get(`/api/organisations/export?format=csv&q=${p}`);
    expect(exported.statusCode).toBe(200);
    expect(exported.body).not.toContain(`${p}-rahasia`);
    const [record] = csvRecords(exported.rawPayload);
    expect(record).toMatchObject({ kode: `${p}-cabang`, kode_induk: '' });
    const again = (await upload(lotimCoordinator, exported.rawPayload, 'mitra.csv')).json();
    expect(again).toMatchObject({ committed: true, unchanged: 1, problems: [] });
    const renamed = csvOf(
      [{ ...record, deskripsi: 'Diperbarui lewat impor' }],
      ',',
      Object.keys(record ?? {}),
    );
    expect((await upload(lotimCoordinator, renamed, 'mitra.csv')).json()).toMatchObject({ updated: 1 });
    const row = await db
      .selectFrom('organisations')
      .select('parent_id')
      .where('id', '=', child)
      .executeTakeFirstOrThrow();
    expect(row.parent_id).toBe(hidden);
    // Someone who can see the parent gets its kode.
    const full = await coordinator.get(`/api/organisations/export?format=csv&q=cabang%20${p}`);
    expect(csvRecords(full.rawPayload)[0]).toMatchObject({ kode_induk: `${p}-rahasia` });
  });
});

describe('unreadable files', () => {
  it('answers 400 IMPORT_FILE_INVALID, never a 500', async () => {
    const valid = await xlsxOf([orgRow(`${prefix()}-a`)]);
    const files: Array<[string, Buffer | string]> = [
      ['acak.bin', randomBytes(4096)],
      ['catatan.txt', 'Ini hanya catatan rapat.\nBukan tabel mitra.\n'],
      ['tanpa-kolom.xlsx', await xlsxOf([{ nama: 'Yayasan', alamat: 'Mataram' }], ['nama', 'alamat'])],
      ['kosong.csv', ''],
      ['judul-saja.csv', `${HEADERS.join(',')}\r\n`],
      ['rusak.xlsx', valid.subarray(0, Math.floor(valid.length / 2))],
      [
        'lama.xls',
        Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(512)]),
      ],
      ['kutip.csv', `${HEADERS.join(',')}\r\n"tidak ditutup,x\r\n`],
    ];
    const before = await countOrganisations();
    for (const [filename, content] of files) {
      const response = await upload(admin, content, filename);
      expect(response.statusCode, filename).toBe(400);
      expect(response.json().error.code, filename).toBe('IMPORT_FILE_INVALID');
    }
    const missing = await upload(admin, await xlsxOf([{ nama: 'x' }], ['nama', 'alamat']));
    expect(missing.json().error.details.map((d: { path: string }) => d.path)).toEqual([
      'file.kode',
      'file.nama_resmi',
      'file.jenis',
      'file.kode_wilayah',
    ]);
    expect(await countOrganisations()).toBe(before);
  });

  it('answers 400 for a wrong field name, 415 for a body that is not multipart, 413 above 10 MB', async () => {
    const wrongField = await admin.upload(
      '/api/organisations/import',
      { filename: 'm.csv', content: csvOf([orgRow(`${prefix()}-a`)]) },
      'berkas',
    );
    expect(wrongField.statusCode).toBe(400);
    expect(wrongField.json().error.code).toBe('IMPORT_FILE_INVALID');

    const json = await admin.post('/api/organisations/import', { file: 'kode,nama_resmi' });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');

    const large = await upload(admin, Buffer.alloc(10 * 1024 * 1024 + 1, 'a'), 'besar.csv');
    expect(large.statusCode).toBe(413);
    expect(large.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('hostile files', () => {
  it('refuses zip bombs with 413 FILE_UNPACKS_TOO_LARGE by the bytes inflated, two at once, writing nothing', async () => {
    const before = await countOrganisations();
    const auditBefore = await countAudit();
    // 1.1 MB files with a 1.1 GB sheet: one states its size, the other's central directory and
    // local headers claim 2 KB.
    const answers = await Promise.all([upload(admin, await honestBomb()), upload(admin, await lyingBomb())]);
    for (const answer of answers) {
      expect(answer.statusCode).toBe(413);
      expect(answer.json().error).toMatchObject({
        code: 'FILE_UNPACKS_TOO_LARGE',
        details: [{ path: 'file', code: 'compression_ratio' }],
      });
    }
    const many = await upload(admin, manyEntries(3_000));
    expect(many.statusCode).toBe(413);
    expect(many.json().error.details).toMatchObject([{ code: 'too_many_entries' }]);
    expect(await countOrganisations()).toBe(before);
    expect(await countAudit()).toBe(auditBefore);
  });

  it('reads a workbook that carries a bomb inside it without unpacking the bomb', async () => {
    const key = `${prefix()}-nested`;
    const row = orgRow(key);
    const file = await workbookCarryingBomb([HEADERS, HEADERS.map((h) => row[h] ?? '')]);
    const answer = await upload(admin, file, 'mitra.xlsx', '?dryRun=true');
    expect(answer.json()).toMatchObject({ committed: false, rows: 1, created: 1, problems: [] });
  });

  it('refuses an upload that declares more than 10 MB before reading it', async () => {
    const response = await admin.request({
      method: 'POST',
      url: '/api/organisations/import',
      headers: {
        'content-type': 'multipart/form-data; boundary=x',
        'content-length': String(20 * 1024 * 1024),
      },
      payload: '--x--',
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('area-scoped coordinators', () => {
  it('get out_of_scope for a row seated outside their area, and nothing is written', async () => {
    const p = prefix();
    const before = await countOrganisations();
    const file = csvOf([orgRow(`${p}-lotim`), orgRow(`${p}-mataram`, { kode_wilayah: '52.71' })]);
    const report = (await upload(lotimCoordinator, file, 'mitra.csv')).json();
    expect(report).toMatchObject({ committed: false, rows: 2, created: 1 });
    expect(report.problems).toEqual([
      expect.objectContaining({ row: 3, column: 'kode_wilayah', code: 'out_of_scope' }),
    ]);
    expect(await countOrganisations()).toBe(before);
  });

  it('may leave unchanged, but not change, organisations they see and cannot edit; others are out of scope', async () => {
    const db = ctx.database.db;
    const p = prefix();
    // Seated in Mataram, active in Lombok Timur: the Lombok Timur coordinator sees it but may not edit it.
    const covering = orgRow(`${p}-covering`, { kode_wilayah: '52.71', wilayah_cakupan: '52.03' });
    // Seated and active in Mataram only: invisible to the Lombok Timur coordinator.
    const hidden = orgRow(`${p}-hidden`, { kode_wilayah: '52.71', wilayah_cakupan: '52.71' });
    expect((await upload(admin, csvOf([covering, hidden]), 'm.csv')).json()).toMatchObject({ created: 2 });

    const same = (await upload(lotimCoordinator, csvOf([covering]), 'm.csv')).json();
    expect(same).toMatchObject({ committed: true, unchanged: 1, problems: [] });

    const changed = (
      await upload(lotimCoordinator, csvOf([{ ...covering, nama_resmi: 'Nama Baru Uji' }, hidden]), 'm.csv')
    ).json();
    expect(changed.committed).toBe(false);
    expect(changed.problems).toEqual([
      expect.objectContaining({ row: 2, column: 'kode', code: 'out_of_scope' }),
      expect.objectContaining({ row: 3, column: 'kode', code: 'out_of_scope' }),
    ]);
    const stored = await db
      .selectFrom('organisations')
      .select('legal_name')
      .where('key', '=', `${p}-covering`)
      .executeTakeFirst();
    expect(stored?.legal_name).toBe(`Yayasan Uji ${p}-covering`);
  });
});

describe('export', () => {
  async function arrange() {
    const db = ctx.database.db;
    const token = `ekspor${randomUUID().slice(0, 6)}`;
    const parent = await makeOrganisation(db, {
      legalName: `Induk Media ${token}`,
      type: 'media',
      issues: ['tengkes'],
      contacts: [
        { name: 'Rina Kontak', position: 'Redaktur', phone: '+62 812 1111 2222', email: 'rina@example.org' },
      ],
    });
    const child = await makeOrganisation(db, {
      legalName: `Anak Media ${token}`,
      type: 'media',
      parentId: parent,
      coverageAreas: ['52.03.01', '52.01'],
      offers: ['media_reach', 'volunteers'],
      website: 'https://media.example.org',
      contacts: [
        { name: '=HYPERLINK("http://x")', phone: '0812-3333-4444' },
        { name: 'Kontak Kedua', phone: '0812-5555-6666' },
      ],
    });
    await makeOrganisation(db, { legalName: `Lembaga Lain ${token}`, type: 'ngo' });
    const keys = await db
      .selectFrom('organisations')
      .select(['id', 'key'])
      .where('id', 'in', [parent, child])
      .execute();
    const keyOf = (id: string) => keys.find((k) => k.id === id)?.key as string;
    return { token, parentKey: keyOf(parent), childKey: keyOf(child) };
  }

  it('writes a CSV (UTF-8 with BOM) of the filtered organisations with contacts, and audits the read', async () => {
    const { token, parentKey, childKey } = await arrange();
    const lastBefore = await lastAuditId();
    const response = await admin.get(`/api/organisations/export?format=csv&q=${token}&type=media`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="mitra-simpul-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const body = response.rawPayload;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = csvRecords(body);
    expect(Object.keys(records[0] ?? {})).toEqual(HEADERS);
    expect(records.map((r) => r.kode).sort()).toEqual([childKey, parentKey].sort());
    const child = records.find((r) => r.kode === childKey);
    expect(child).toMatchObject({
      jenis: 'media',
      kode_induk: parentKey,
      wilayah_cakupan: '52.01; 52.03.01',
      tawaran: 'media_reach; volunteers',
      situs_web: 'https://media.example.org',
      // A formula-looking value is defused for Excel; the import removes the apostrophe again.
      kontak_nama: `'=HYPERLINK("http://x")`,
    });
    expect(records.find((r) => r.kode === parentKey)).toMatchObject({
      isu: 'tengkes',
      kontak_nama: 'Rina Kontak',
      kontak_telepon: `'+62 812 1111 2222`,
    });

    const entries = await ctx.database.db
      .selectFrom('audit_log')
      .select(['action', 'entity_type', 'after'])
      .where('id', '>', lastBefore)
      .execute();
    expect(entries).toEqual([
      { action: 'read_personal', entity_type: 'organisation.contacts', after: { count: 2 } },
    ]);

    // Importing the export back changes nothing, and keeps the second contact person.
    const again = (await upload(admin, body, 'mitra.csv')).json();
    expect(again).toEqual({
      committed: true,
      rows: 2,
      created: 0,
      updated: 0,
      unchanged: 2,
      problems: [],
      skipped: [],
    });
  });

  it('writes an XLSX with a bold, frozen header row that imports back unchanged', async () => {
    const { token, childKey } = await arrange();
    const response = await admin.get(
      `/api/organisations/export?format=xlsx&q=${token}&type=media&sort=updated`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(
      /filename="mitra-simpul-\d{4}-\d{2}-\d{2}\.xlsx"/,
    );
    const { sheet, rows } = await xlsxRows(response.rawPayload);
    expect(rows[0]).toEqual(HEADERS);
    expect(rows).toHaveLength(3);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(2).width).toBeGreaterThan(20);
    const child = rows.find((r) => r[0] === childKey) as string[];
    expect(child[HEADERS.indexOf('kontak_nama')]).toBe('=HYPERLINK("http://x")');

    const again = (await upload(admin, response.rawPayload)).json();
    expect(again).toMatchObject({ committed: true, unchanged: 2, updated: 0, created: 0, problems: [] });
  });

  it('shows only what the caller may see, records no audit entry without contacts, and refuses anonymous callers', async () => {
    const { token } = await arrange();
    // Seated in Lombok Timur (52.03): inside the Lombok Timur coordinator's view, outside a Mataram filter.
    const lotim = await lotimCoordinator.get(`/api/organisations/export?format=csv&q=${token}`);
    expect(csvRecords(lotim.rawPayload)).toHaveLength(3);
    const other = await lotimCoordinator.get(`/api/organisations/export?format=csv&q=${token}&area=52.71`);
    expect(csvRecords(other.rawPayload)).toHaveLength(0);

    const auditBefore = await countAudit();
    const noContacts = await admin.get(`/api/organisations/export?format=csv&q=${token}&type=ngo`);
    expect(csvRecords(noContacts.rawPayload)).toHaveLength(1);
    expect(await countAudit()).toBe(auditBefore);

    const anonymous = await ctx.app.inject({ method: 'GET', url: `/api/organisations/export?q=${token}` });
    expect(anonymous.statusCode).toBe(401);
    const unknown = await admin.get('/api/organisations/export?limit=10');
    expect(unknown.statusCode).toBe(400);
  });
});

describe('template', () => {
  it('downloads as XLSX and CSV, explains the columns, and its example rows are never imported', async () => {
    const xlsx = await admin.get('/api/organisations/import/template?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="templat-mitra-simpul.xlsx"');
    const { rows, workbook } = await xlsxRows(xlsx.rawPayload);
    expect(rows[0]).toEqual(HEADERS);
    expect(rows).toHaveLength(3);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Mitra', 'Petunjuk - Instructions']);
    const instructions = (await xlsxRows(xlsx.rawPayload, 1)).rows.map((r) => r.join(' | '));
    for (const header of HEADERS)
      expect(
        instructions.some((line) => line.startsWith(`${header} |`)),
        header,
      ).toBe(true);
    for (const expected of ['tengkes', 'government', 'media_reach', 'kabupaten/kota']) {
      expect(
        instructions.some((line) => line.includes(expected)),
        expected,
      ).toBe(true);
    }

    const csv = await admin.get('/api/organisations/import/template?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csvRecords(csv.rawPayload).map((r) => r.kode)).toEqual(rows.slice(1).map((r) => r[0]));

    // The untouched template, as downloaded, renamed to .csv, the CSV template, and the XLSX re-saved
    // as CSV the way Excel does in Indonesian locales: nothing to import, nothing written.
    const before = await countOrganisations();
    const resaved = Buffer.from(
      stringify(rows, { delimiter: ';', bom: true, record_delimiter: 'windows' }),
      'utf8',
    );
    for (const [name, content] of [
      ['templat-mitra-simpul.xlsx', xlsx.rawPayload],
      ['templat-mitra-simpul.csv', xlsx.rawPayload],
      ['templat-mitra-simpul.csv', csv.rawPayload],
      ['templat-disimpan-ulang.csv', resaved],
    ] as const) {
      const response = await upload(admin, content, name);
      expect(response.statusCode, name).toBe(400);
      expect(response.json().error.code, name).toBe('IMPORT_NOTHING_TO_IMPORT');
    }

    // A real row added below the examples is imported; the examples are reported as skipped.
    const key = `${prefix()}-setelah-contoh`;
    const row = orgRow(key);
    const edited = new ExcelJS.Workbook();
    await edited.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    (edited.worksheets[0] as ExcelJS.Worksheet).addRow(HEADERS.map((h) => row[h] ?? ''));
    const filled = Buffer.from(await edited.xlsx.writeBuffer());
    const imported = (await upload(admin, filled)).json();
    expect(imported).toEqual({
      committed: true,
      rows: 1,
      created: 1,
      updated: 0,
      unchanged: 0,
      problems: [],
      skipped: [
        { row: 2, kode: 'contoh-yayasan-sejahtera', code: 'template_example' },
        { row: 3, kode: 'contoh-relawan-lombok-timur', code: 'template_example' },
      ],
    });
    expect(await countOrganisations()).toBe(before + 1);
    const examples = await ctx.database.db
      .selectFrom('organisations')
      .select('key')
      .where('key', 'in', ['contoh-yayasan-sejahtera', 'contoh-relawan-lombok-timur'])
      .execute();
    expect(examples).toEqual([]);
  });
});
