/**
 * The filtered program list as a spreadsheet. XLSX has a "Program" sheet (one row per
 * program) and a "Lokasi" sheet (one row per program and village, with the village's
 * share of the budget as the map counts it). CSV is the program sheet with HXL hashtags
 * in the second header row, so humanitarian tools (HDX, HXL Proxy) read it without
 * mapping. A cell listing several areas separates them with "; ".
 */
import type ExcelJS from 'exceljs';
import { type Kysely, type SqlBool, sql } from 'kysely';
import { todayInNtb } from '../../../shared/format.ts';
import { isProductive, type Modality, splitEvenly } from '../../../shared/programs.ts';
import type { DB } from '../../db/types.ts';
import { AppError } from '../../errors.ts';
import { batches, csvStream, type StreamedFile, xlsxStream } from '../../files/export-stream.ts';
import type { Actor } from '../../policies/actor.ts';
import { type ProgramVisibility, programVisibility } from '../../policies/programs.ts';
import { CONTENT_TYPES } from '../organisations/export-organisations.ts';
import { organisationNameFor } from '../organisations/names.ts';
import {
  type ExportProgramRow,
  exportRowsByIds,
  groupByProgram,
  matchingProgramIds,
  type ProgramFilter,
} from './queries.ts';

/**
 * Programs per batch: small enough that each of a batch's queries holds the embedded
 * engine (and with it the event loop) for tens of milliseconds, not hundreds.
 */
const BATCH = 200;

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

/** One batch of programs with what their rows show: villages, partners and area names. */
interface Batch {
  rows: ExportProgramRow[];
  villagesBy: Map<
    string,
    Array<{ program_id: string; village_code: string; target_households: number | null }>
  >;
  partnersBy: Map<string, Array<{ program_id: string; legal_name: string; verification_status: string }>>;
  names: Map<string, string>;
}

async function loadBatch(
  db: Kysely<DB>,
  visibility: ProgramVisibility,
  ids: readonly string[],
  withPartners: boolean,
  names: Map<string, string>,
): Promise<Batch> {
  const rows = await exportRowsByIds(db, visibility, ids);
  const visibleIds = rows.map((r) => r.id);
  const villages =
    visibleIds.length === 0
      ? []
      : await db
          .selectFrom('program_villages')
          .select(['program_id', 'village_code', 'target_households'])
          .where(sql<SqlBool>`program_id = any(${visibleIds}::uuid[])`)
          .orderBy('village_code')
          .execute();
  const partners =
    withPartners && visibleIds.length > 0
      ? await db
          .selectFrom('program_partners as pp')
          .innerJoin('organisations as o', 'o.id', 'pp.organisation_id')
          .select(['pp.program_id', 'o.legal_name', 'o.verification_status'])
          .where(sql<SqlBool>`pp.program_id = any(${visibleIds}::uuid[])`)
          .orderBy('o.legal_name')
          .execute()
      : [];
  return { rows, villagesBy: groupByProgram(villages), partnersBy: groupByProgram(partners), names };
}

const join = (values: string[]) => [...new Set(values)].join('; ');

/** The program sheet's (and the CSV's) row of one program. */
function programRow(actor: Actor, r: ExportProgramRow, { villagesBy, partnersBy, names }: Batch) {
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
}

/** The location sheet's rows of one program: one per village, with its share of the budget. */
function locationRows(r: ExportProgramRow, { villagesBy, names }: Batch) {
  const list = villagesBy.get(r.id) ?? [];
  // The same even split the map uses (facts.ts), so the sheet adds up to the map's figures.
  // An unknown budget stays an empty cell: it has no share to split.
  const shares = r.budget_planned === null ? null : splitEvenly(r.budget_planned, list.length);
  return list.map((v, i) => [
    r.key,
    r.title,
    v.village_code,
    names.get(v.village_code) ?? '',
    names.get(v.village_code.slice(0, 8)) ?? '',
    names.get(v.village_code.slice(0, 5)) ?? '',
    shares === null ? '' : (shares[i] ?? 0),
    v.target_households ?? '',
  ]);
}

const LOCATION_COLUMNS: Column[] = [
  { header: 'Kode program', hxl: '#activity+code', width: 24 },
  { header: 'Judul program', hxl: '#activity+name', width: 48 },
  { header: 'Kode desa/kelurahan', hxl: '#adm4+code', width: 16 },
  { header: 'Desa/kelurahan', hxl: '#adm4+name', width: 28 },
  { header: 'Kecamatan', hxl: '#adm3+name', width: 24 },
  { header: 'Kabupaten/kota', hxl: '#adm2+name', width: 24 },
  { header: 'Bagian anggaran rencana (Rp)', hxl: '#value+planned', width: 20 },
  { header: 'Sasaran KK desa', hxl: '#targeted+hh', width: 14 },
];

/** A sheet with a bold header row and an italic grey HXL row, both frozen. */
function addHxlSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: Column[]) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = columns.map((c) => ({ width: c.width }));
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  const hxl = sheet.addRow(columns.map((c) => c.hxl));
  hxl.font = { italic: true, color: { argb: 'FF666666' } };
  hxl.commit();
  return sheet;
}

/**
 * The filtered programs as a streamed XLSX or CSV. The matching ids are read first (so
 * EXPORT_TOO_LARGE is answered before the first byte); the rows follow in batches of
 * EXPORT_BATCH, with a turn of the event loop between batches. The XLSX writes its two
 * sheets one after the other (a streaming workbook writes one sheet at a time), reading
 * the batches again for the location sheet rather than holding them.
 */
export async function exportPrograms(
  db: Kysely<DB>,
  actor: Actor,
  filter: ProgramFilter,
  format: 'xlsx' | 'csv',
  onError: (error: unknown) => void,
): Promise<StreamedFile> {
  const visibility = programVisibility(actor);
  const ids = await matchingProgramIds(db, visibility, filter, MAX_EXPORT_ROWS + 1);
  if (ids.length > MAX_EXPORT_ROWS) throw new AppError('EXPORT_TOO_LARGE');
  // Every area's name once (NTB: about 1,300), rather than a list of codes per batch.
  const names = new Map(
    (await db.selectFrom('areas').select(['code', 'name']).execute()).map((a) => [a.code, a.name]),
  );
  const filename = `program-simpul-${todayInNtb()}.${format}`;
  if (format === 'csv') {
    // HXL hashtags in the second header row, so humanitarian tools read the file without mapping.
    const stream = csvStream(async (write) => {
      const head = [PROGRAM_EXPORT_COLUMNS.map((c) => c.header), PROGRAM_EXPORT_COLUMNS.map((c) => c.hxl)];
      if (await write(head)) return;
      for (const slice of batches(ids, BATCH)) {
        const batch = await loadBatch(db, visibility, slice, true, names);
        if (await write(batch.rows.map((r) => programRow(actor, r, batch)))) return;
      }
    }, onError);
    return { stream, contentType: CONTENT_TYPES.csv, filename };
  }
  const stream = xlsxStream(async (workbook, pause) => {
    const programs = addHxlSheet(workbook, 'Program', PROGRAM_EXPORT_COLUMNS);
    for (const slice of batches(ids, BATCH)) {
      const batch = await loadBatch(db, visibility, slice, true, names);
      for (const r of batch.rows) programs.addRow(programRow(actor, r, batch)).commit();
      if (await pause()) return;
    }
    programs.commit();
    const places = addHxlSheet(workbook, 'Lokasi', LOCATION_COLUMNS);
    for (const slice of batches(ids, BATCH)) {
      const batch = await loadBatch(db, visibility, slice, false, names);
      // A batch of programs is over a thousand village rows: the event loop gets a turn every few hundred.
      let written = 0;
      for (const r of batch.rows) {
        for (const row of locationRows(r, batch)) places.addRow(row).commit();
        written += 1;
        if (written % 50 === 0 && (await pause())) return;
      }
      if (await pause()) return;
    }
    places.commit();
  }, onError);
  return { stream, contentType: CONTENT_TYPES.xlsx, filename };
}
