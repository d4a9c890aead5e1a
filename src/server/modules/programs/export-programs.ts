/**
 * The filtered program list as a spreadsheet. XLSX has a "Program" sheet (one row per
 * program) and a "Lokasi" sheet (one row per program and village, with the village's
 * share of the budget as the map counts it). CSV is the program sheet with HXL hashtags
 * in the second header row, so humanitarian tools (HDX, HXL Proxy) read it without
 * mapping. A cell listing several areas separates them with "; ".
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { todayInNtb } from '../../../shared/format.ts';
import { isProductive, type Modality, splitEvenly } from '../../../shared/programs.ts';
import type { DB } from '../../db/types.ts';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../../policies/actor.ts';
import { programVisibility } from '../../policies/programs.ts';
import { CONTENT_TYPES, type SheetFile } from '../organisations/export-organisations.ts';
import { organisationNameFor } from '../organisations/names.ts';
import { allMatchingPrograms, areaNames, groupByProgram, type ProgramFilter } from './queries.ts';

/** More than NTB's whole generated set (~12,000); past this the caller narrows the filters. */
export const MAX_EXPORT_ROWS = 20_000;

interface Column {
  header: string;
  hxl: string;
  width: number;
}

export const PROGRAM_EXPORT_COLUMNS: Column[] = [
  { header: 'Kode program', hxl: '#activity+code', width: 24 },
  { header: 'Judul program', hxl: '#activity+name', width: 48 },
  { header: 'Pemilik program', hxl: '#org+name+owner', width: 36 },
  { header: 'Jenis organisasi', hxl: '#org+type', width: 18 },
  { header: 'Mitra', hxl: '#org+name+partner', width: 36 },
  { header: 'Isu', hxl: '#sector', width: 28 },
  { header: 'Kode provinsi', hxl: '#adm1+code', width: 10 },
  { header: 'Kode kabupaten/kota', hxl: '#adm2+code', width: 18 },
  { header: 'Kabupaten/kota', hxl: '#adm2+name', width: 28 },
  { header: 'Kode kecamatan', hxl: '#adm3+code', width: 24 },
  { header: 'Kode desa/kelurahan', hxl: '#adm4+code', width: 30 },
  { header: 'Desa/kelurahan', hxl: '#adm4+name', width: 36 },
  { header: 'Bentuk bantuan', hxl: '#activity+type', width: 18 },
  { header: 'Produktif/konsumtif', hxl: '#indicator+productive', width: 14 },
  { header: 'Status', hxl: '#status', width: 12 },
  { header: 'Mulai', hxl: '#date+start', width: 12 },
  { header: 'Selesai', hxl: '#date+end', width: 12 },
  { header: 'Anggaran rencana (Rp)', hxl: '#value+planned', width: 18 },
  { header: 'Anggaran realisasi (Rp)', hxl: '#value+realised', width: 18 },
  { header: 'Sasaran KK', hxl: '#targeted+hh', width: 10 },
  { header: 'Terjangkau KK', hxl: '#reached+hh', width: 10 },
];

export async function exportPrograms(
  db: Kysely<DB>,
  actor: Actor,
  filter: ProgramFilter,
  format: 'xlsx' | 'csv',
): Promise<SheetFile> {
  const rows = await allMatchingPrograms(db, programVisibility(actor), filter, MAX_EXPORT_ROWS + 1);
  if (rows.length > MAX_EXPORT_ROWS) throw new AppError('EXPORT_TOO_LARGE');
  const ids = rows.map((r) => r.id);
  const villages: Array<{ program_id: string; village_code: string; target_households: number | null }> = [];
  const partners: Array<{ program_id: string; legal_name: string; verification_status: string }> = [];
  for (let i = 0; i < ids.length; i += 5_000) {
    const slice = ids.slice(i, i + 5_000);
    villages.push(
      ...(await db
        .selectFrom('program_villages')
        .select(['program_id', 'village_code', 'target_households'])
        .where('program_id', 'in', slice)
        .orderBy('village_code')
        .execute()),
    );
    partners.push(
      ...(await db
        .selectFrom('program_partners as pp')
        .innerJoin('organisations as o', 'o.id', 'pp.organisation_id')
        .select(['pp.program_id', 'o.legal_name', 'o.verification_status'])
        .where('pp.program_id', 'in', slice)
        .orderBy('o.legal_name')
        .execute()),
    );
  }
  const villagesBy = groupByProgram(villages);
  const partnersBy = groupByProgram(partners);
  const names = await areaNames(db, [
    ...new Set(
      villages.flatMap((v) => [v.village_code, v.village_code.slice(0, 5), v.village_code.slice(0, 8)]),
    ),
  ]);
  const join = (values: string[]) => [...new Set(values)].join('; ');

  const programRows = rows.map((r) => {
    const codes = (villagesBy.get(r.id) ?? []).map((v) => v.village_code);
    return [
      r.key,
      r.title,
      organisationNameFor(actor, { name: r.owner_name, verification_status: r.owner_verification }),
      r.owner_type,
      join((partnersBy.get(r.id) ?? []).map((p) => organisationNameFor(actor, { ...p, name: p.legal_name }))),
      r.issues.join('; '),
      '52',
      join(codes.map((c) => c.slice(0, 5))),
      join(codes.map((c) => names.get(c.slice(0, 5)) ?? '')),
      join(codes.map((c) => c.slice(0, 8))),
      join(codes),
      // Not de-duplicated: villages of different kecamatan share names ("Banyu Urip"), and
      // the names must stay parallel to the codes.
      codes.map((c) => names.get(c) ?? '').join('; '),
      r.modality,
      isProductive(r.modality as Modality) ? 'produktif' : 'konsumtif',
      r.status,
      r.period_start,
      r.period_end,
      // Empty, not 0, when not known: a 0 would be summed as a real figure in the sheet.
      r.budget_planned ?? '',
      r.budget_realised ?? '',
      r.target_households ?? '',
      r.reached_households ?? '',
    ];
  });
  const filename = `program-simpul-${todayInNtb()}.${format}`;
  if (format === 'csv') {
    // A byte-order mark so Excel opens the UTF-8 file with the right characters; cells
    // starting with = + - @ get a leading apostrophe (CSV injection: Excel would run a
    // title or partner name as a formula), as in the organisation export.
    const text = stringify(
      [PROGRAM_EXPORT_COLUMNS.map((c) => c.header), PROGRAM_EXPORT_COLUMNS.map((c) => c.hxl), ...programRows],
      { bom: true, escape_formulas: true },
    );
    return { body: Buffer.from(text, 'utf8'), contentType: CONTENT_TYPES.csv, filename };
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Simpul';
  const sheet = workbook.addWorksheet('Program');
  sheet.columns = PROGRAM_EXPORT_COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  sheet.addRow(PROGRAM_EXPORT_COLUMNS.map((c) => c.hxl));
  for (const row of programRows) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(2).font = { italic: true, color: { argb: 'FF666666' } };
  sheet.views = [{ state: 'frozen', ySplit: 2 }];

  const places = workbook.addWorksheet('Lokasi');
  places.columns = [
    { header: 'Kode program', width: 24 },
    { header: 'Judul program', width: 48 },
    { header: 'Kode desa/kelurahan', width: 16 },
    { header: 'Desa/kelurahan', width: 28 },
    { header: 'Kecamatan', width: 24 },
    { header: 'Kabupaten/kota', width: 24 },
    { header: 'Bagian anggaran rencana (Rp)', width: 20 },
    { header: 'Sasaran KK desa', width: 14 },
  ];
  places.addRow([
    '#activity+code',
    '#activity+name',
    '#adm4+code',
    '#adm4+name',
    '#adm3+name',
    '#adm2+name',
    '#value+planned',
    '#targeted+hh',
  ]);
  for (const r of rows) {
    const list = villagesBy.get(r.id) ?? [];
    // The same even split the map uses (facts.ts), so the sheet adds up to the map's figures.
    // An unknown budget stays an empty cell: it has no share to split.
    const shares = r.budget_planned === null ? null : splitEvenly(r.budget_planned, list.length);
    list.forEach((v, i) => {
      places.addRow([
        r.key,
        r.title,
        v.village_code,
        names.get(v.village_code) ?? '',
        names.get(v.village_code.slice(0, 8)) ?? '',
        names.get(v.village_code.slice(0, 5)) ?? '',
        shares === null ? '' : (shares[i] ?? 0),
        v.target_households ?? '',
      ]);
    });
  }
  places.getRow(1).font = { bold: true };
  places.views = [{ state: 'frozen', ySplit: 2 }];
  const body = Buffer.from(await workbook.xlsx.writeBuffer());
  return { body, contentType: CONTENT_TYPES.xlsx, filename };
}
