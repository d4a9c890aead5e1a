/**
 * The planner without a database: NTB's areas from the idn-area-data source, the seeded
 * issue taxonomy and a handful of organisations. The shared sample is read when it is
 * beside the clone; small hand-made sheets cover the rules everywhere.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { levelOfCode, normalizeAreaName, parentCode } from '../../../../shared/area-code.ts';
import type { StoredCell } from '../../../../shared/contracts/program-import.ts';
import { PROJECT_ROOT } from '../../../config.ts';
import { SEEDED_ISSUES } from '../../../db/migrations/0002_organisations_accounts_audit.ts';
import { readProvinceSource } from '../../areas/load-areas.ts';
import {
  columnIndexOf,
  guessColumns,
  guessColumnsOf,
  guessHeaderRow,
  guessYear,
  headerParts,
} from './columns.ts';
import {
  type KnownOrganisation,
  type OrganisationMatch,
  type PlanContext,
  type PlanMapping,
  planImport,
  programKeyOf,
  splitOrganisationNames,
} from './plan.ts';
import { areaIndexOf, readWholeAreaPhrase } from './read-location.ts';
import { readWorkbook, type StoredSheet } from './read-workbook.ts';
import { IssueVocabulary, readModality } from './vocabulary.ts';

const SAMPLE = path.resolve(PROJECT_ROOT, '../shared/samples/rekap-program-csr-2025.xlsx');

const AREAS = areaIndexOf(
  readProvinceSource('52').map((row) => ({
    code: row.code,
    name: row.name,
    level: levelOfCode(row.code),
    parentCode: parentCode(row.code),
  })),
);
const ISSUES = new IssueVocabulary(SEEDED_ISSUES.map(([code, nameId, nameEn]) => ({ code, nameId, nameEn })));

let ids = 0;
function organisation(name: string): KnownOrganisation {
  ids += 1;
  const key = normalizeAreaName(name).replace(/ /g, '-');
  return { id: `00000000-0000-4000-8000-${String(ids).padStart(12, '0')}`, key, name };
}

function contextWith(organisations: KnownOrganisation[], refused: string[] = []): PlanContext {
  const byName = new Map<string, OrganisationMatch>(
    organisations.map((org) => [normalizeAreaName(org.name), { status: 'found', organisation: org }]),
  );
  return {
    areas: AREAS,
    issues: ISSUES,
    organisationsByName: byName,
    organisationsById: new Map(organisations.map((org) => [org.id, org])),
    mayRecord: (ownerOrgId) => !refused.includes(ownerOrgId),
  };
}

/** A sheet from rows of cells, row 1 first. */
function sheetOf(rows: StoredCell[][], merges: StoredSheet['merges'] = []): StoredSheet {
  const data = rows
    .map((c, i) => ({ r: i + 1, c }))
    .filter((row) => row.c.some((cell) => cell !== null && cell !== ''));
  return { name: 'Rekap', rows: rows.length, columns: Math.max(...rows.map((r) => r.length)), data, merges };
}

function mappingOf(sheet: StoredSheet, overrides: Partial<PlanMapping> = {}): PlanMapping {
  const headerRow = overrides.headerRow ?? guessHeaderRow(sheet) ?? 1;
  const header = sheet.data.find((r) => r.r === headerRow)?.c ?? [];
  return {
    headerRow,
    columns: guessColumns(header),
    defaults: { status: 'active' },
    resolutions: [],
    ...overrides,
  };
}

const SAMPLE_OWNERS = [
  'PT Contoh Tambang Sumbawa',
  'Bank Daerah Contoh',
  'Yayasan Peduli Contoh',
  'Baznas Contoh',
  'Universitas Contoh',
  'PT Listrik Contoh',
  'LSM Jiwa Sehat Contoh',
  'Dinas Sosial Contoh',
].map((name) => organisation(name));

describe.runIf(existsSync(SAMPLE))('the shared sample, planned', () => {
  it('finds the header, maps the columns and reads ten rows into eight programs', async () => {
    const workbook = await readWorkbook(readFileSync(SAMPLE), 'rekap-program-csr-2025.xlsx');
    const sheet = workbook.sheets[0] as StoredSheet;
    expect(guessHeaderRow(sheet)).toBe(4);
    expect(guessYear(sheet, 4)).toBe(2025);
    const mapping = mappingOf(sheet);
    expect(mapping.columns).toEqual({
      owner: columnIndexOf('B'),
      title: columnIndexOf('C'),
      issues: columnIndexOf('D'),
      kabupaten: columnIndexOf('E'),
      kecamatan: columnIndexOf('F'),
      villages: columnIndexOf('G'),
      modality: columnIndexOf('H'),
      budgetPlanned: columnIndexOf('I'),
      period: columnIndexOf('J'),
      targetHouseholds: columnIndexOf('K'),
      notes: columnIndexOf('L'),
    });
    const plan = planImport(sheet, mapping, contextWith(SAMPLE_OWNERS));
    expect(plan.skipped).toEqual([{ row: 16, reason: 'totals' }]);
    expect(plan.programRows).toBe(10);
    expect(plan.programs.map((p) => [p.title, p.rows])).toEqual([
      ['Gizi Seimbang Ibu dan Balita', [5, 6, 14]],
      ['Modal Usaha Perempuan Kepala Keluarga', [7]],
      ['Bedah Rumah (RTLH)', [8]],
      ['Sembako Lansia', [9]],
      ['KKN Tematik Cegah Kawin Anak', [10]],
      ['Pasang Baru Listrik Gratis', [11]],
      ['Pendampingan ODGJ Bebas Pasung', [12]],
      ['Kursi Roda Penyandang Disabilitas', [13]],
    ]);
    // The one truly open question: Praya, or all of Lombok Tengah as Keterangan says.
    expect(plan.problems).toEqual([
      expect.objectContaining({
        row: 13,
        column: 'L',
        field: 'notes',
        item: '#scope',
        code: 'area_scope_unclear',
        readings: [
          { value: '52.02.01', label: 'Kec. Praya, Kab. Lombok Tengah' },
          { value: '52.02', label: 'seluruh Kab. Lombok Tengah' },
        ],
      }),
    ]);
    const gizi = plan.programs[0];
    expect(gizi).toMatchObject({
      budgetPlanned: 1_240_000_000,
      budgetRule: 'summed',
      modality: 'service',
      issues: ['tengkes'],
      periodStart: '2025-03-01',
      periodEnd: '2025-12-31',
      targetHouseholds: 880,
    });
    expect(gizi?.villages.map((v) => [v.code, v.targetHouseholds])).toEqual([
      ['52.07.01.2002', 320],
      ['52.07.08.2003', null],
      ['52.07.08.2001', null],
      ['52.07.04.2003', null],
      ['52.07.04.2001', null],
    ]);
    expect(plan.warnings.map((w) => [w.row, w.column, w.code])).toEqual(
      expect.arrayContaining([
        [5, 'H', 'modality_first_named'],
        [7, 'J', 'period_start_only'],
        [9, 'J', 'period_hijri'],
      ]),
    );
    expect(plan.inputs).toEqual([]);

    const resolved = planImport(
      sheet,
      { ...mapping, resolutions: [{ row: 13, column: 'L', item: '#scope', value: '52.02.01' }] },
      contextWith(SAMPLE_OWNERS),
    );
    expect(resolved.problems).toEqual([]);
    expect(resolved.inputs).toHaveLength(8);
    expect(resolved.inputs.find((p) => p.rows.includes(13))?.input).toMatchObject({
      wholeAreas: ['52.02.01'],
      villages: [],
      modality: 'in_kind',
      issues: ['disabilitas'],
      budgetPlanned: 185_000_000,
    });
  });
});

const HEADER = [
  'No',
  'Nama Program',
  'Kabupaten',
  'Kecamatan',
  'Desa',
  'Anggaran',
  'Periode',
  'Bidang',
  'Bentuk Bantuan',
];

describe('grouping and the budget rule', () => {
  const owner = organisation('Yayasan Uji Rekap');
  const context = contextWith([owner]);
  const plan = (
    rows: StoredCell[][],
    extra: Partial<PlanMapping> = {},
    merges: StoredSheet['merges'] = [],
  ) => {
    const sheet = sheetOf([HEADER, ...rows], merges);
    return planImport(sheet, mappingOf(sheet, { ownerOrgId: owner.id, ...extra }), context);
  };

  it('adds up amounts that differ by location', () => {
    const result = plan([
      [1, 'Air Bersih', 'Lombok Timur', 'Keruak', 'Pijot', 'Rp 100 jt', '2025', 'Kesehatan', 'Infrastruktur'],
      [2, 'Air Bersih', 'Lombok Timur', 'Keruak', 'Keruak', 'Rp 50 jt', '2025', 'Kesehatan', 'Infrastruktur'],
    ]);
    expect(result.problems).toEqual([]);
    expect(result.programs).toHaveLength(1);
    expect(result.programs[0]).toMatchObject({ budgetPlanned: 150_000_000, budgetRule: 'summed' });
  });

  it('asks when every row repeats the same amount and nothing in the file says which', () => {
    const rows: StoredCell[][] = [
      [1, 'Air Bersih', 'Lombok Timur', 'Keruak', 'Pijot', 'Rp 100 jt', '2025', 'Kesehatan', 'Infrastruktur'],
      [
        2,
        'Air Bersih',
        'Lombok Timur',
        'Keruak',
        'Keruak',
        'Rp 100 jt',
        '2025',
        'Kesehatan',
        'Infrastruktur',
      ],
    ];
    const asked = plan(rows);
    expect(asked.problems).toEqual([
      expect.objectContaining({ row: 2, column: 'F', code: 'budget_repeated', item: '#program' }),
    ]);
    const once = plan(rows, { resolutions: [{ row: 2, column: 'F', item: '#program', value: 'once' }] });
    expect(once.programs[0]).toMatchObject({ budgetPlanned: 100_000_000, budgetRule: 'once' });
    const sum = plan(rows, { resolutions: [{ row: 2, column: 'F', item: '#program', value: 'sum' }] });
    expect(sum.programs[0]).toMatchObject({ budgetPlanned: 200_000_000, budgetRule: 'summed' });
  });

  it('takes a merged budget cell once, and a total that adds the rows up as a sum', () => {
    const rows: StoredCell[][] = [
      [1, 'Air Bersih', 'Lombok Timur', 'Keruak', 'Pijot', 'Rp 100 jt', '2025', 'Kesehatan', 'Infrastruktur'],
      [
        2,
        'Air Bersih',
        'Lombok Timur',
        'Keruak',
        'Keruak',
        'Rp 100 jt',
        '2025',
        'Kesehatan',
        'Infrastruktur',
      ],
    ];
    const merged = plan(rows, {}, [{ top: 2, bottom: 3, left: 6, right: 6 }]);
    expect(merged.problems).toEqual([]);
    expect(merged.programs[0]).toMatchObject({ budgetPlanned: 100_000_000, budgetRule: 'once' });
    const totalled = plan([...rows, [null, 'JUMLAH', null, null, null, 'Rp 200.000.000']]);
    expect(totalled.problems).toEqual([]);
    expect(totalled.skipped).toEqual([{ row: 4, reason: 'totals' }]);
    expect(totalled.programs[0]).toMatchObject({ budgetPlanned: 200_000_000, budgetRule: 'summed' });
  });

  it('reads a row without a title as more of the program above, and skips headings and signatures', () => {
    const result = plan([
      [null, 'A. BIDANG KESEHATAN'],
      [1, 'Air Bersih', 'Lombok Timur', 'Keruak', 'Pijot', 'Rp 100 jt', '2025', 'Kesehatan', 'Infrastruktur'],
      [null, null, null, 'Jerowaru', 'Ekas Buana'],
      [null, 'TOTAL', null, null, null, 100_000_000],
      [null, 'Mengetahui,'],
      [null, null, null, null, null, null, 'Mataram, 31 Desember 2025'],
    ]);
    expect(result.problems).toEqual([]);
    expect(result.skipped).toEqual([
      { row: 2, reason: 'heading' },
      { row: 5, reason: 'totals' },
      { row: 6, reason: 'after_totals' },
      { row: 7, reason: 'after_totals' },
    ]);
    expect(result.programs).toHaveLength(1);
    expect(result.programs[0]?.villages.map((v) => v.code)).toEqual(['52.03.01.2002', '52.03.20.2009']);
    expect(result.warnings.map((w) => w.code)).toContain('row_continues_above');
  });

  it('lists unknown issues, modalities and villages with their choices; dropping or picking resolves them', () => {
    const rows: StoredCell[][] = [
      [
        1,
        'Program Uji',
        'Lombok Timur',
        'Keruak',
        'Pijot, Desa Entah',
        '50 jt',
        '2025',
        'Kesehatan; Olahraga',
        'Bantuan serbaguna',
      ],
    ];
    const result = plan(rows);
    expect(result.problems.map((p) => [p.row, p.column, p.code, p.item])).toEqual([
      [2, 'E', 'village_unknown', 'Desa Entah'],
      [2, 'H', 'issue_unknown', 'Olahraga'],
      [2, 'I', 'modality_unknown', undefined],
    ]);
    const fixed = plan(rows, {
      resolutions: [
        { row: 2, column: 'E', item: 'Desa Entah', value: '' },
        { row: 2, column: 'H', item: 'Olahraga', value: 'kesehatan' },
        { row: 2, column: 'I', value: 'service' },
      ],
    });
    expect(fixed.problems).toEqual([]);
    expect(fixed.inputs[0]?.input).toMatchObject({
      villages: [{ code: '52.03.01.2002' }],
      issues: ['kesehatan'],
      modality: 'service',
    });
  });

  it('needs the kabupaten to place a village name used in several', () => {
    const result = plan([[1, 'Program Uji', null, null, 'Sukadana', '50 jt', '2025', 'Lansia', 'Sembako']]);
    expect(result.problems).toEqual([
      expect.objectContaining({
        row: 2,
        column: 'E',
        code: 'village_ambiguous',
        item: 'Sukadana',
        readings: [
          expect.objectContaining({ value: '52.02.04.2003' }),
          expect.objectContaining({ value: '52.03.03.2006' }),
          expect.objectContaining({ value: '52.08.04.2004' }),
        ],
      }),
    ]);
    const withDefault = plan(
      [[1, 'Program Uji', null, null, 'Sukadana', '50 jt', '2025', 'Lansia', 'Sembako']],
      {
        defaults: { status: 'active', kabupaten: '52.08' },
      },
    );
    expect(withDefault.problems).toEqual([]);
    expect(withDefault.programs[0]?.villages.map((v) => v.code)).toEqual(['52.08.04.2004']);
  });

  it('refuses owners the user may not record for, and asks about owners it cannot find', () => {
    const other = organisation('Yayasan Lain');
    const sheet = sheetOf([
      ['Lembaga', 'Nama Program', 'Kabupaten', 'Desa', 'Anggaran', 'Periode', 'Bidang', 'Jenis Bantuan'],
      ['Yayasan Lain', 'Program Uji', 'Lombok Timur', 'Pijot', '50 jt', '2025', 'Lansia', 'Sembako'],
      ['Yayasan Tak Terdaftar', 'Program Uji', 'Lombok Timur', 'Pijot', '50 jt', '2025', 'Lansia', 'Sembako'],
    ]);
    const result = planImport(sheet, mappingOf(sheet), contextWith([other], [other.id]));
    expect(result.problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [2, 'A', 'owner_not_permitted'],
      [3, 'A', 'owner_unknown'],
    ]);
  });
});

describe('two-row headers and rows without a title', () => {
  it('reads a column under a parent merged across columns, but never a title merged over the table', () => {
    const twoRows = sheetOf(
      [
        ['NO', 'NAMA PROGRAM', 'ANGGARAN', null, 'PERIODE', null, 'LOKASI'],
        ['NO', 'NAMA PROGRAM', 'RENCANA', 'REALISASI', 'MULAI', 'SELESAI', 'DESA'],
      ],
      [
        { top: 1, left: 3, bottom: 1, right: 4 },
        { top: 1, left: 5, bottom: 1, right: 6 },
      ],
    );
    expect(guessHeaderRow(twoRows)).toBe(2);
    expect(guessColumnsOf(twoRows, 2)).toEqual({
      title: 1,
      budgetPlanned: 2,
      budgetRealised: 3,
      periodStart: 4,
      periodEnd: 5,
      villages: 6,
    });
    // Alone, RENCANA names nothing.
    expect(guessColumns(['NO', 'NAMA PROGRAM', 'RENCANA'])).toEqual({ title: 1 });
    const titled = sheetOf(
      [['REKAP PROGRAM DESA TAHUN 2025'], ['No', 'Program', 'Desa', 'Anggaran', 'Periode']],
      [{ top: 1, left: 1, bottom: 1, right: 5 }],
    );
    expect(headerParts(titled, 2)).toEqual([['No'], ['Program'], ['Desa'], ['Anggaran'], ['Periode']]);
  });

  const owner = organisation('Yayasan Uji Lanjutan');
  const other = organisation('PT Lain Contoh');
  const context = contextWith([owner, other]);
  const header = [
    'No',
    'Program',
    'Lembaga',
    'Kabupaten',
    'Kecamatan',
    'Desa',
    'Anggaran',
    'Periode',
    'Isu',
    'Bentuk Bantuan',
  ];
  const plan = (rows: StoredCell[][]) => {
    const sheet = sheetOf([header, ...rows]);
    return planImport(sheet, mappingOf(sheet), context);
  };
  const first = [
    1,
    'Air Bersih',
    'Yayasan Uji Lanjutan',
    'Lombok Timur',
    'Keruak',
    'Pijot',
    'Rp 100 jt',
    '2025',
    'Kesehatan',
    'Infrastruktur',
  ];

  it('continues the program above only when nothing contradicts it', () => {
    const continued = plan([
      first,
      [null, null, '"', null, 'Keruak', 'Keruak', 'Rp 50 jt', '2025', null, null],
    ]);
    expect(continued.problems).toEqual([]);
    expect(continued.programs).toHaveLength(1);
    expect(continued.programs[0]).toMatchObject({
      rows: [2, 3],
      continuedRows: [3],
      budgetPlanned: 150_000_000,
    });
  });

  it('gives a continuation row the kabupaten answer of the row it inherits the kabupaten from', () => {
    const rows: StoredCell[][] = [
      [
        1,
        'Air Bersih',
        'Yayasan Uji Lanjutan',
        'LOTIM',
        'Keruak',
        'Pijot',
        'Rp 100 jt',
        '2025',
        'Kesehatan',
        'Infrastruktur',
      ],
      [null, null, null, null, 'Keruak', 'Keruak', 'Rp 50 jt', '2025'],
    ];
    const read = plan(rows);
    expect(read.warnings.filter((w) => w.code === 'area_alias_read').map((w) => w.row)).toEqual([2]);
    const sheet = sheetOf([header, ...rows]);
    const refused = planImport(
      sheet,
      { ...mappingOf(sheet), resolutions: [{ row: 2, column: 'D', value: '#reject' }] },
      context,
    );
    // Asked once, where LOTIM is written; the row below waits for that answer, not a silent alias.
    expect(refused.problems.map((p) => [p.row, p.code])).toEqual([[2, 'area_unknown']]);
    const answered = planImport(
      sheet,
      { ...mappingOf(sheet), resolutions: [{ row: 2, column: 'D', value: '52.03' }] },
      context,
    );
    expect(answered.problems).toEqual([]);
    expect(answered.warnings.some((w) => w.code === 'area_alias_read')).toBe(false);
    expect(answered.programs[0]?.rows).toEqual([2, 3]);
  });

  it('never merges a row of another owner, or of another issue, into the program above', () => {
    const otherOwner = plan([
      first,
      [null, null, 'PT Lain Contoh', null, 'Keruak', 'Keruak', 'Rp 50 jt', '2025'],
    ]);
    expect(otherOwner.programs).toHaveLength(1);
    expect(otherOwner.programs[0]?.rows).toEqual([2]);
    expect(otherOwner.problems).toEqual([
      expect.objectContaining({
        row: 3,
        column: 'B',
        code: 'title_missing_not_continuation',
        params: { field: 'owner', aboveRow: 2, aboveTitle: 'Air Bersih' },
      }),
    ]);
    const otherIssue = plan([
      first,
      [null, null, null, null, 'Keruak', 'Keruak', 'Rp 50 jt', '2025', 'Pendidikan'],
    ]);
    expect(otherIssue.problems).toEqual([
      expect.objectContaining({
        row: 3,
        code: 'title_missing_not_continuation',
        params: expect.objectContaining({ field: 'issues' }),
      }),
    ]);
  });
});

describe('program keys', () => {
  it('are the owner key, the title and the start year, kept within 100 characters', () => {
    expect(programKeyOf('pt-contoh', 'Bedah Rumah (RTLH)', 2025, '')).toBe('pt-contoh.bedah-rumah-rtlh.2025');
    expect(programKeyOf('pt-contoh', 'Bedah Rumah', 2025, 'CSR/2025/014')).toBe('pt-contoh.csr-2025-014');
    const long = programKeyOf('a'.repeat(60), 'Program '.repeat(20), 2025, '');
    expect(long.length).toBeLessThanOrEqual(100);
    expect(long).toMatch(/^a{60}\.program-.*-[0-9a-f]{8}\.2025$/);
  });
});

describe('words', () => {
  it('reads forms of aid and asks only when they count differently', () => {
    expect(readModality('Layanan + PMT')).toEqual({
      status: 'ok',
      modality: 'service',
      alsoNamed: ['in_kind'],
    });
    expect(readModality('Pelatihan / sosialisasi')).toEqual({
      status: 'ok',
      modality: 'training',
      alsoNamed: [],
    });
    expect(readModality('BLT + pelatihan')).toEqual({
      status: 'ambiguous',
      modalities: ['cash', 'training'],
    });
    expect(readModality('Barang (100 unit)')).toMatchObject({ modality: 'in_kind' });
    expect(readModality('bedah rumah')).toMatchObject({ modality: 'infrastructure' });
    expect(readModality('UMKM')).toMatchObject({ modality: 'productive_asset' });
  });

  it('reads issues by name and by everyday word', () => {
    expect(ISSUES.readPiece('Stunting')).toEqual(['tengkes']);
    expect(ISSUES.readPiece('Perkawinan Anak')).toEqual(['perkawinan_anak']);
    expect(ISSUES.readPiece('RTLH')).toEqual(['perumahan_rtlh']);
    expect(ISSUES.readPiece('Olahraga')).toEqual([]);
  });

  it('reads whole-area phrases', () => {
    expect(readWholeAreaPhrase('seluruh kecamatan di Lombok Tengah')).toEqual({
      unit: 'kecamatan',
      naming: false,
      place: 'Lombok Tengah',
    });
    expect(readWholeAreaPhrase('se-Kecamatan Praya')).toEqual({
      unit: 'kecamatan',
      naming: true,
      place: 'Praya',
    });
    expect(readWholeAreaPhrase('Sekotong Tengah')).toBeNull();
  });

  it('splits partner cells but keeps "PT X, Tbk" whole', () => {
    expect(splitOrganisationNames('PT Bank Contoh, Tbk; Yayasan A\nLSM B')).toEqual([
      'PT Bank Contoh, Tbk',
      'Yayasan A',
      'LSM B',
    ]);
  });
});
