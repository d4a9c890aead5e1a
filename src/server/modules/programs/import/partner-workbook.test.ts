/**
 * A company's own workbook (tests/fixtures/make-partner-workbook.ts): instruction sheet
 * first, two-row merged header, upper-case names, Excel serial dates, abbreviations. Pins
 * exactly the questions and corrections a person would expect, that nothing is written
 * until they are answered, and the programs and the registered organisation after.
 */
import { readFileSync } from 'node:fs';
import i18next, { type TFunction } from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARTNER_WORKBOOK } from '../../../../../tests/fixtures/make-partner-workbook.ts';
import {
  type Client,
  makeOrganisation,
  makeUser,
  sessionFor,
} from '../../../../../tests/support/factories.ts';
import { createTestApp, type TestContext } from '../../../../../tests/support/test-db.ts';
import type {
  ImportMappingBody,
  ImportPreview,
  ImportResolution,
  ImportStatus,
  UploadedWorkbook,
} from '../../../../shared/contracts/program-import.ts';
import { describeEntry } from '../../../../web/features/programs/import/describe.ts';
import en from '../../../../web/i18n/en.json';
import id from '../../../../web/i18n/id.json';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SHEET = 'LAPORAN TJSL 2025';

let ctx: TestContext;
let coordinator: Client;
let editor: Client;
let sinar: string;
let karya: string;

beforeAll(async () => {
  ctx = await createTestApp();
  const db = ctx.database.db;
  const lkks = await makeOrganisation(db, {
    legalName: 'LKKS NTB Uji',
    type: 'lkks',
    level: 'province',
    areaCode: '52',
  });
  sinar = await makeOrganisation(db, { legalName: 'PT Sinar Contoh Abadi', areaCode: '52.02' });
  karya = await makeOrganisation(db, { legalName: 'CV Karya Contoh', areaCode: '52.02' });
  coordinator = await sessionFor(
    ctx.app,
    await makeUser(db, [{ organisationId: lkks, role: 'coordinator' }]),
  );
  editor = await sessionFor(ctx.app, await makeUser(db, [{ organisationId: karya, role: 'org_editor' }]));
});
afterAll(async () => {
  await ctx?.close();
});

async function upload(client: Client): Promise<UploadedWorkbook> {
  const response = await client.upload('/api/programs/import/workbooks', {
    filename: 'laporan-tjsl.xlsx',
    content: readFileSync(PARTNER_WORKBOOK),
    contentType: XLSX_TYPE,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

const body = (resolutions: ImportResolution[] = []): ImportMappingBody => ({
  sheet: SHEET,
  headerRow: 4,
  columns: {},
  defaults: { status: 'active' },
  resolutions,
});

async function preview(client: Client, id: string, answers: ImportResolution[] = []): Promise<ImportPreview> {
  const response = await client.post(`/api/programs/import/${id}/preview`, body(answers));
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

const summary = (list: ImportPreview['problems'] | ImportPreview['warnings']) =>
  list.map((p) => ({
    row: p.row,
    column: p.column,
    code: p.code,
    ...(p.item === undefined ? {} : { item: p.item }),
    params: p.params,
    ...('rows' in p && p.rows ? { rows: p.rows } : {}),
    ...('reversible' in p && p.reversible ? { reversible: true } : {}),
  }));

const ANSWERS: ImportResolution[] = [
  // The unknown company: registered as new, once, for rows 7, 9 and 10.
  { row: 7, column: 'C', item: 'PT BARU CONTOH LESTARI', allRows: true, value: '#new:private_company' },
  { row: 7, column: 'G', item: 'Ds. PUYUNG BARAT', value: '52.02.02.2008' },
  { row: 8, column: 'B', value: 'PAKET SEMBAKO LANSIA' },
  { row: 9, column: 'G', item: 'Ds. PIJOT', value: '52.03.01.2002' },
];

describe('a partner workbook with a two-row header', () => {
  it('finds the lower header row and reads each column with its parent', async () => {
    const session = await upload(coordinator);
    // The instruction sheet comes first; the table is found on the second sheet.
    expect(session.sheets.map((s) => s.name)).toEqual(['PETUNJUK PENGISIAN', SHEET]);
    expect(session.preview.name).toBe(SHEET);
    expect(session.preview.guess).toMatchObject({
      headerRow: 4,
      year: 2025,
      columns: {
        title: 'B',
        owner: 'C',
        issues: 'D',
        kabupaten: 'E',
        kecamatan: 'F',
        villages: 'G',
        budgetPlanned: 'H',
        budgetRealised: 'I',
        periodStart: 'J',
        periodEnd: 'K',
        targetHouseholds: 'L',
        modality: 'M',
        notes: 'N',
      },
    });
    expect(session.preview.guess.headers.slice(4, 11)).toEqual([
      'LOKASI › KAB',
      'LOKASI › KEC',
      'LOKASI › DESA',
      'ANGGARAN (RP) › RENCANA',
      'ANGGARAN (RP) › REALISASI',
      'PERIODE › MULAI',
      'PERIODE › SELESAI',
    ]);
  });

  it('asks exactly what a person would ask, and shows every correction it made', async () => {
    const session = await upload(coordinator);
    const first = await preview(coordinator, session.importId);
    expect(summary(first.problems)).toEqual([
      {
        row: 7,
        column: 'C',
        code: 'owner_unknown',
        item: 'PT BARU CONTOH LESTARI',
        params: { name: 'PT BARU CONTOH LESTARI' },
        rows: [7, 9, 10],
      },
      {
        row: 7,
        column: 'G',
        code: 'village_unknown',
        item: 'Ds. PUYUNG BARAT',
        params: { text: 'Ds. PUYUNG BARAT', suggestions: expect.any(Number) },
      },
      {
        row: 8,
        column: 'B',
        code: 'title_missing_not_continuation',
        params: { field: 'owner', aboveRow: 7, aboveTitle: 'BEASISWA SISWA BERPRESTASI' },
      },
      {
        row: 9,
        column: 'G',
        code: 'village_other_kecamatan',
        item: 'Ds. PIJOT',
        params: { village: 'Pijot', actual: 'Keruak', written: 'Sakra', text: 'Ds. PIJOT' },
      },
    ]);
    // One question for the unknown company, though three rows name it.
    expect(first.problems.filter((p) => p.code === 'owner_unknown')).toHaveLength(1);
    const puyung = first.problems.find((p) => p.code === 'village_unknown');
    // Near names in Jonggat first (Puyung), then in the rest of Lombok Tengah.
    expect(puyung?.readings?.[0]).toEqual({
      value: '52.02.02.2008',
      label: 'Desa Puyung, Kec. Jonggat, Kab. Lombok Tengah',
    });
    const pijot = first.problems.find((p) => p.code === 'village_other_kecamatan');
    expect(pijot?.message).toBe('Pijot is in Keruak, not in Sakra');
    expect(pijot?.readings).toEqual([
      { value: '52.03.01.2002', label: 'Desa Pijot, Kec. Keruak, Kab. Lombok Timur' },
    ]);

    expect(summary(first.warnings)).toEqual([
      {
        row: 5,
        column: 'E',
        code: 'area_alias_read',
        params: { text: 'KAB. LOTENG', area: 'Kab. Lombok Tengah' },
        reversible: true,
      },
      { row: 5, column: 'H', code: 'budget_summed', params: { rows: '5, 6', amount: 250_000_000 } },
      {
        row: 6,
        column: 'B',
        code: 'row_continues_above',
        params: { aboveRow: 5, aboveTitle: 'PENDAMPINGAN POSYANDU KELUARGA' },
      },
      {
        row: 7,
        column: 'D',
        code: 'issue_typo_corrected',
        item: 'PENDIDKAN',
        params: { text: 'PENDIDKAN', issue: 'pendidikan' },
        reversible: true,
      },
      {
        row: 7,
        column: 'E',
        code: 'area_alias_read',
        params: { text: 'LOTENG', area: 'Kab. Lombok Tengah' },
        reversible: true,
      },
      { row: 7, column: 'J', code: 'date_serial', params: { text: '45691', date: '2025-02-03' } },
      { row: 7, column: 'K', code: 'date_serial', params: { text: '45989', date: '2025-11-28' } },
      {
        row: 10,
        column: 'E',
        code: 'area_alias_read',
        params: { text: 'LOTIM', area: 'Kab. Lombok Timur' },
        reversible: true,
      },
    ]);
    // The preview lists the realised budget and the continuation row.
    const posyandu = first.programs.find((p) => p.title === 'PENDAMPINGAN POSYANDU KELUARGA');
    expect(posyandu).toMatchObject({
      rows: [5, 6],
      continuedRows: [6],
      budgetPlanned: 250_000_000,
      budgetRealised: 210_000_000,
    });

    // Nothing can be committed, and nothing is written, while questions are open.
    const refused = await coordinator.post(`/api/programs/import/${session.importId}/commit`, body());
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('IMPORT_NOT_VALID');
    expect(await ctx.database.db.selectFrom('programs').select('id').execute()).toEqual([]);
    const registered = await ctx.database.db
      .selectFrom('organisations')
      .select('id')
      .where('legal_name', '=', 'PT BARU CONTOH LESTARI')
      .execute();
    expect(registered).toEqual([]);
  });

  it('lets the user refuse a correction: then it asks, with the corrected reading first', async () => {
    const session = await upload(coordinator);
    const refused = await preview(coordinator, session.importId, [
      { row: 7, column: 'D', item: 'PENDIDKAN', value: '#reject' },
      { row: 10, column: 'E', value: '#reject' },
    ]);
    const issue = refused.problems.find((p) => p.row === 7 && p.column === 'D');
    expect(issue).toMatchObject({ code: 'issue_unknown', item: 'PENDIDKAN' });
    expect(issue?.readings?.[0]?.value).toBe('pendidikan');
    const kabupaten = refused.problems.find((p) => p.row === 10 && p.column === 'E');
    expect(kabupaten).toMatchObject({ code: 'area_unknown', readings: [{ value: '52.03' }] });
    expect(refused.warnings.some((w) => w.code === 'issue_typo_corrected')).toBe(false);
  });

  it('after the answers, commits exactly the programs and registers the new company, unverified and audited', async () => {
    const session = await upload(coordinator);
    const answered = await preview(coordinator, session.importId, ANSWERS);
    expect(answered.problems).toEqual([]);
    expect(answered.valid).toBe(true);
    // Still nothing written by the preview.
    expect(
      await ctx.database.db
        .selectFrom('organisations')
        .select('id')
        .where('legal_name', '=', 'PT BARU CONTOH LESTARI')
        .execute(),
    ).toEqual([]);

    const response = await coordinator.post(`/api/programs/import/${session.importId}/commit`, body(ANSWERS));
    expect(response.statusCode, response.body).toBe(200);
    let status: ImportStatus = response.json();
    for (let i = 0; i < 400 && status.state !== 'done' && status.state !== 'failed'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = (await coordinator.get(`/api/programs/import/${session.importId}`)).json();
    }
    expect(status.error).toBeNull();
    expect(status).toMatchObject({ state: 'done', result: { created: 5, updated: 0, unchanged: 0 } });

    const db = ctx.database.db;
    const newOrg = await db
      .selectFrom('organisations')
      .select(['id', 'type', 'verification_status', 'area_code'])
      .where('legal_name', '=', 'PT BARU CONTOH LESTARI')
      .executeTakeFirstOrThrow();
    expect(newOrg).toMatchObject({
      type: 'private_company',
      verification_status: 'unverified',
      area_code: '52.02',
    });
    const audit = await db
      .selectFrom('audit_log')
      .select(['action'])
      .where('entity_type', '=', 'organisation')
      .where('entity_id', '=', newOrg.id)
      .execute();
    expect(audit).toEqual([{ action: 'create' }]);

    const programs = await db
      .selectFrom('programs')
      .select([
        'id',
        'title',
        'owner_org_id',
        'budget_planned',
        'budget_realised',
        'period_start',
        'period_end',
        'modality',
      ])
      .orderBy('title')
      .execute();
    const villages = async (id: string) =>
      (
        await db
          .selectFrom('program_villages')
          .select('village_code')
          .where('program_id', '=', id)
          .orderBy('village_code')
          .execute()
      ).map((v) => v.village_code);
    const issues = async (id: string) =>
      (await db.selectFrom('program_issues').select('issue_code').where('program_id', '=', id).execute()).map(
        (i) => i.issue_code,
      );
    const read = await Promise.all(
      programs.map(async (p) => ({
        title: p.title,
        owner:
          p.owner_org_id === sinar
            ? 'sinar'
            : p.owner_org_id === karya
              ? 'karya'
              : p.owner_org_id === newOrg.id
                ? 'baru'
                : '?',
        budget: [Number(p.budget_planned), p.budget_realised === null ? null : Number(p.budget_realised)],
        period: [String(p.period_start).slice(0, 10), String(p.period_end).slice(0, 10)],
        modality: p.modality,
        villages: await villages(p.id),
        issues: await issues(p.id),
      })),
    );
    const day = (value: string) => value;
    expect(read.map((p) => ({ ...p, period: p.period.map(day) }))).toEqual([
      {
        title: 'BEASISWA SISWA BERPRESTASI',
        owner: 'baru',
        budget: [80_000_000, 80_000_000],
        period: ['2025-02-03', '2025-11-28'],
        modality: 'cash',
        villages: ['52.02.02.2008'],
        issues: ['pendidikan'],
      },
      {
        title: 'BEDAH RUMAH LANSIA',
        owner: 'baru',
        budget: [200_000_000, null],
        period: ['2025-03-03', '2025-12-15'],
        modality: 'infrastructure',
        villages: ['52.03.01.2002'],
        issues: ['perumahan_rtlh'],
      },
      {
        title: 'PAKET SEMBAKO LANSIA',
        owner: 'karya',
        budget: [50_000_000, 50_000_000],
        period: ['2025-04-01', '2025-04-30'],
        modality: 'in_kind',
        villages: ['52.02.02.2002'],
        issues: ['kemiskinan_ekstrem'],
      },
      {
        title: 'PELATIHAN UMKM PEREMPUAN',
        owner: 'baru',
        budget: [60_000_000, 55_000_000],
        period: ['2025-05-01', '2025-08-31'],
        modality: 'training',
        villages: ['52.03.02.2001'],
        issues: ['pemberdayaan_ekonomi'],
      },
      {
        title: 'PENDAMPINGAN POSYANDU KELUARGA',
        owner: 'sinar',
        budget: [250_000_000, 210_000_000],
        period: ['2025-02-01', '2025-11-30'],
        modality: 'service',
        villages: ['52.02.01.1002', '52.02.01.1003'],
        issues: ['kesehatan'],
      },
    ]);
  });

  it('refuses an organisation editor recording another company’s programs, new owner included', async () => {
    const session = await upload(editor);
    const answered = await preview(editor, session.importId, ANSWERS);
    const refusedOwners = answered.problems.filter((p) => p.code === 'owner_not_permitted').map((p) => p.row);
    // Only CV Karya Contoh's own program (row 8) is the editor's to record.
    expect(refusedOwners).toEqual([5, 7, 9, 10]);
  });

  it('says every problem and warning wholly in Indonesian, or wholly in English, from its code and params', async () => {
    const session = await upload(coordinator);
    const entries = [
      ...(await preview(coordinator, session.importId)).problems,
      ...(await preview(coordinator, session.importId)).warnings,
      ...(
        await preview(coordinator, session.importId, [
          { row: 7, column: 'D', item: 'PENDIDKAN', value: '#reject' },
          { row: 10, column: 'E', value: '#reject' },
        ])
      ).problems,
    ];
    const instance = i18next.createInstance();
    await instance.init({
      resources: { id: { translation: id }, en: { translation: en } },
      lng: 'id',
      interpolation: { escapeValue: false },
      initAsync: false,
    });
    const say = (lng: 'id' | 'en') => {
      const t = instance.getFixedT(lng) as TFunction;
      const context = {
        locale: lng,
        issueName: (code: string) =>
          code === 'pendidikan' ? (lng === 'id' ? 'Pendidikan' : 'Education') : code,
      };
      return entries.map((entry) => describeEntry(t, entry, context));
    };
    const indonesian = say('id');
    const english = say('en');
    for (const [i, entry] of entries.entries()) {
      const codes = id.programImport.codes as Record<string, string>;
      // Every code has its own sentence in both languages, and every value it names is given.
      expect(codes[entry.code], entry.code).toBeDefined();
      expect((en.programImport.codes as Record<string, string>)[entry.code], entry.code).toBeDefined();
      expect(indonesian[i], entry.code).not.toMatch(/\{\{|\}\}/);
      // No English server message stands in for (or under) the Indonesian sentence.
      expect(indonesian[i]).not.toContain(entry.message);
      expect(indonesian[i]).not.toBe(english[i]);
    }
    expect(indonesian).toContain('Pijot ada di Kecamatan Keruak, bukan di Sakra.');
    expect(english).toContain('Pijot is in Keruak, not in Sakra.');
    expect(indonesian).toContain('“PENDIDKAN” dibaca sebagai isu Pendidikan (salah ketik).');
    expect(indonesian).toContain(
      'Baris tanpa nama program ini dibaca sebagai lanjutan “PENDAMPINGAN POSYANDU KELUARGA” (baris 5): pemilik sama, tidak ada yang bertentangan.',
    );
    expect(indonesian).toContain(
      'Jumlah baris 5, 6 berbeda per lokasi, jadi dijumlahkan: Rp\u00a0250.000.000.',
    );
  });
});
