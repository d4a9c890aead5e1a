/**
 * Organisations as a spreadsheet (XLSX or CSV): the export of the directory, with the
 * same filters and visibility as GET /api/organisations, and the import template.
 * Both use the column list of import-export-columns.ts, so an export can be edited
 * and imported back.
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { type Kysely, type SqlBool, sql } from 'kysely';
import { todayInNtb } from '../../../shared/format.ts';
import {
  LEVELLED_TYPES,
  OFFER_KINDS,
  ORGANISATION_LEVELS,
  ORGANISATION_TYPES,
} from '../../../shared/roles.ts';
import type { DB } from '../../db/types.ts';
import { batches, csvStream, type StreamedFile, xlsxStream } from '../../files/export-stream.ts';
import type { Actor } from '../../policies/actor.ts';
import { canSeeContacts } from '../../policies/organisations.ts';
import { type AuditContext, recordAudit } from '../audit/record-audit.ts';
import {
  cellsOf,
  LEVEL_LABELS,
  OFFER_LABELS,
  ORGANISATION_COLUMNS,
  type SheetRecord,
  sheetRecordOf,
  TEMPLATE_EXAMPLES,
  TYPE_LABELS,
} from './import-export-columns.ts';
import { listIssues } from './issues.ts';
import {
  filteredOrganisationIds,
  type OrganisationFilter,
  type OrganisationSheetRow,
  selectOrganisationSheetRows,
} from './queries.ts';

export type SheetFormat = 'xlsx' | 'csv';

export interface SheetFile {
  body: Buffer;
  contentType: string;
  filename: string;
}

export const CONTENT_TYPES: Record<SheetFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/** The data sheet's name; the import reads the first sheet whatever its name. */
const DATA_SHEET = 'Mitra';
/** Excel forbids `/` in sheet names, hence the dash. */
const INSTRUCTIONS_SHEET = 'Petunjuk - Instructions';

function addDataSheet(workbook: ExcelJS.Workbook, records: readonly SheetRecord[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  // Every column is text ('@'): codes like 52.10 and phone numbers like 0812… must not become numbers.
  sheet.columns = ORGANISATION_COLUMNS.map((c) => ({
    header: c.header,
    key: c.header,
    width: c.width,
    style: { numFmt: '@' },
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ORGANISATION_COLUMNS.length } };
  for (const record of records) sheet.addRow(cellsOf(record));
  return sheet;
}

async function xlsxBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * UTF-8 with a byte-order mark, so Excel reads the accents right. Cells starting with
 * = + - @ get a leading apostrophe (CSV injection: Excel would run them as formulas);
 * the import removes it again.
 */
function csvBuffer(records: readonly SheetRecord[]): Buffer {
  const text = stringify([ORGANISATION_COLUMNS.map((c) => c.header), ...records.map(cellsOf)], {
    bom: true,
    escape_formulas: true,
    record_delimiter: 'windows',
  });
  return Buffer.from(text, 'utf8');
}

function withoutContacts(record: SheetRecord): SheetRecord {
  return { ...record, contacts: [] };
}

/**
 * The organisations the actor sees that match the directory filters, as a streamed file:
 * the matching ids in order first, then the rows in batches. Contact persons are included
 * only for signed-in users, and such an export is recorded as one read of personal data
 * before the first byte leaves (the count is taken in the same query as the ids).
 */
export async function exportOrganisations(
  db: Kysely<DB>,
  actor: Actor,
  filter: OrganisationFilter,
  format: SheetFormat,
  context: AuditContext,
  onError: (error: unknown) => void,
): Promise<StreamedFile> {
  const byUpdate = filter.sort === 'updated';
  const matching = await db
    .selectFrom('organisations as o')
    .select(['o.id', sql<boolean>`coalesce(jsonb_array_length(o.contacts), 0) > 0`.as('has_contacts')])
    .where('o.id', 'in', filteredOrganisationIds(db, actor, filter))
    .orderBy(byUpdate ? 'o.updated_at' : 'o.legal_name', byUpdate ? 'desc' : 'asc')
    .orderBy('o.id')
    .execute();
  const showContacts = canSeeContacts(actor);
  // One contact person per row leaves the server: that is the count of personal records read.
  const count = showContacts ? matching.filter((m) => m.has_contacts).length : 0;
  if (count > 0) {
    await db.transaction().execute((trx) =>
      recordAudit(trx, context, {
        action: 'read_personal',
        entityType: 'organisation.contacts',
        entityId: null,
        after: { count },
      }),
    );
  }
  const ids = matching.map((m) => m.id);
  const recordsOf = async (slice: string[]) => {
    // One array parameter rather than one per id: cheaper to plan on the embedded engine.
    const rows = (await selectOrganisationSheetRows(db, actor)
      .where(sql<SqlBool>`o.id = any(${slice}::uuid[])`)
      .execute()) as OrganisationSheetRow[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return slice
      .flatMap((id) => byId.get(id) ?? [])
      .map(sheetRecordOf)
      .map((r) => (showContacts ? r : withoutContacts(r)));
  };
  const filename = `mitra-simpul-${todayInNtb()}.${format}`;
  if (format === 'csv') {
    const stream = csvStream(
      async (write) => {
        if (await write([ORGANISATION_COLUMNS.map((c) => c.header)])) return;
        for (const slice of batches(ids)) if (await write((await recordsOf(slice)).map(cellsOf))) return;
      },
      onError,
      { windowsLineEnds: true },
    );
    return { stream, contentType: CONTENT_TYPES.csv, filename };
  }
  const stream = xlsxStream(async (workbook, pause) => {
    const sheet = workbook.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = ORGANISATION_COLUMNS.map((c) => ({ width: c.width, style: { numFmt: '@' } }));
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ORGANISATION_COLUMNS.length } };
    const header = sheet.addRow(ORGANISATION_COLUMNS.map((c) => c.header));
    header.font = { bold: true };
    header.commit();
    for (const slice of batches(ids)) {
      for (const record of await recordsOf(slice)) sheet.addRow(cellsOf(record)).commit();
      if (await pause()) return;
    }
    sheet.commit();
  }, onError);
  return { stream, contentType: CONTENT_TYPES.xlsx, filename };
}

const REQUIRED_LABEL = {
  always: 'wajib / required',
  conditional: 'wajib untuk pemerintah dan LKKS / required for government and LKKS',
  optional: '',
};

/** Heading row of a block in the instructions sheet. */
function heading(sheet: ExcelJS.Worksheet, values: string[]): void {
  sheet.addRow([]);
  sheet.addRow(values).font = { bold: true };
}

async function addInstructionsSheet(db: Kysely<DB>, workbook: ExcelJS.Workbook): Promise<void> {
  const sheet = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  sheet.columns = [{ width: 24 }, { width: 30 }, { width: 70 }, { width: 70 }];
  sheet.addRow(['Petunjuk impor mitra / Instructions for importing organisations']).font = {
    bold: true,
    size: 14,
  };
  sheet.addRow([
    'Isi sheet pertama, satu organisasi per baris. Baris 1 adalah judul kolom; jangan diubah. Bila ada satu saja kesalahan, tidak ada data yang disimpan: perbaiki baris yang dilaporkan lalu impor lagi.',
  ]);
  sheet.addRow([
    'Fill in the first sheet, one organisation per row. Row 1 holds the column headers; keep them. If any row has a problem nothing is saved: fix the rows reported and import again.',
  ]);
  sheet.addRow([
    'Baris contoh (kode contoh-yayasan-sejahtera dan contoh-relawan-lombok-timur) tidak pernah diimpor; boleh dibiarkan atau dihapus. / The example rows (kode contoh-…) are never imported; keep or delete them.',
  ]);
  heading(sheet, ['Kolom / Column', 'Wajib? / Required?', 'Keterangan', 'Description']);
  for (const column of ORGANISATION_COLUMNS) {
    sheet.addRow([column.header, REQUIRED_LABEL[column.required], column.id, column.en]);
  }

  heading(sheet, ['jenis: kode / code', 'Label Indonesia yang diterima / Indonesian labels accepted']);
  for (const type of ORGANISATION_TYPES) {
    const levelled = LEVELLED_TYPES.includes(type) ? ' (+ tingkat)' : '';
    sheet.addRow([type, TYPE_LABELS[type].join(', ') + levelled]);
  }
  heading(sheet, ['tingkat: kode / code', 'Label Indonesia yang diterima / Indonesian labels accepted']);
  for (const level of ORGANISATION_LEVELS) sheet.addRow([level, LEVEL_LABELS[level].join(', ')]);
  heading(sheet, ['tawaran: kode / code', 'Label Indonesia yang diterima / Indonesian labels accepted']);
  for (const offer of OFFER_KINDS) sheet.addRow([offer, OFFER_LABELS[offer].join(', ')]);
  heading(sheet, ['isu: kode / code', 'Nama', 'Name']);
  for (const issue of await listIssues(db, false)) sheet.addRow([issue.code, issue.nameId, issue.nameEn]);
  sheet.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
  sheet.getColumn(4).alignment = { wrapText: true, vertical: 'top' };
}

/**
 * The import template: the header row and two fictional example rows; the XLSX also
 * has a sheet explaining every column and listing the valid types, offers and issues.
 */
export async function organisationTemplate(db: Kysely<DB>, format: SheetFormat): Promise<SheetFile> {
  const filename = `templat-mitra-simpul.${format}`;
  if (format === 'csv')
    return { body: csvBuffer(TEMPLATE_EXAMPLES), contentType: CONTENT_TYPES.csv, filename };
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Simpul';
  const sheet = addDataSheet(workbook, TEMPLATE_EXAMPLES);
  ORGANISATION_COLUMNS.forEach((column, i) => {
    sheet.getRow(1).getCell(i + 1).note = `${column.id}\n\n${column.en}`;
  });
  await addInstructionsSheet(db, workbook);
  return { body: await xlsxBuffer(workbook), contentType: CONTENT_TYPES.xlsx, filename };
}
