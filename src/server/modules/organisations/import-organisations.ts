/**
 * Imports organisations from an XLSX or CSV file (the columns of
 * import-export-columns.ts). Every row is checked first — field rules from the shared
 * `createOrganisationBody`, references against the database, the importer's area —
 * and every problem is reported by spreadsheet row and column. Nothing is written
 * unless the whole file is valid; then one transaction upserts by `kode`, writing only
 * the organisations that actually change, each with an `import` audit entry.
 */

import { randomUUID } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { isWellFormedAreaCode } from '../../../shared/area-code.ts';
import { TOO_LONG, textLimitOfIssue, tooLongMessage } from '../../../shared/contracts/limits.ts';
import {
  createOrganisationBody,
  type ImportProblem,
  type ImportResult,
  type ImportSkippedRow,
  organisationKey,
} from '../../../shared/contracts/organisations.ts';
import { LEVELLED_TYPES, ORGANISATION_TYPES, type OrganisationType } from '../../../shared/roles.ts';
import { updateWithVersion } from '../../db/guards.ts';
import type { DB } from '../../db/types.ts';
import { AppError, type ErrorDetail } from '../../errors.ts';
import { openXlsxWithinLimits } from '../../files/spreadsheet.ts';
import { type Actor, membershipsWith } from '../../policies/actor.ts';
import { canEditOrganisation, registeringOrganisation } from '../../policies/organisations.ts';
import { normaliseCode } from '../areas/import-boundaries.ts';
import { type AuditContext, canonicalJson, recordAudit } from '../audit/record-audit.ts';
import {
  type ContactField,
  columnOfPath,
  levelFromLabel,
  ORGANISATION_COLUMNS,
  offerFromLabel,
  REQUIRED_COLUMNS,
  type SheetColumn,
  type SheetRecord,
  sheetRecordOf,
  splitList,
  TEMPLATE_EXAMPLE_KEYS,
  typeFromLabel,
} from './import-export-columns.ts';
import { type OrganisationSheetRow, selectOrganisationSheetRows, visibleTo } from './queries.ts';
import {
  auditSnapshot,
  columnsOf,
  type OrganisationInput,
  rowToInput,
  verificationAfterEdit,
} from './service.ts';

export const MAX_IMPORT_ROWS = 10_000;
/** Beyond this the report would only bury the first problems; the last entry says how many were left out. */
export const MAX_REPORTED_PROBLEMS = 1_000;
/** CSV records read at most: the data rows plus some blank lines. Stops a file of newlines from filling memory. */
const MAX_CSV_RECORDS = MAX_IMPORT_ROWS + 1_001;
/** Rows per statement when writing; well below PostgreSQL's 65,535 parameters. */
const CHUNK = 500;

export interface ImportOptions {
  /** Check and count, write nothing. */
  dryRun: boolean;
}

/** The data rows of a file: cells of the known columns that the file has, by spreadsheet row number. */
export interface SheetTable {
  rows: Array<{ row: number; cells: Map<SheetColumn, string> }>;
}

function invalidFile(message: string, details?: ErrorDetail[]): AppError {
  return new AppError('IMPORT_FILE_INVALID', message, details);
}

// ---------------------------------------------------------------------------------------------
// Reading the file

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const hasMagic = (file: Buffer, magic: number[]) => magic.every((byte, i) => file[i] === byte);

interface RawRow {
  row: number;
  values: string[];
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue) || value.hyperlink;
  if ('formula' in value || 'sharedFormula' in value) return cellText(value.result ?? null);
  return ''; // an error value such as #N/A
}

async function readXlsx(file: Buffer): Promise<RawRow[]> {
  // Bounded by the bytes actually inflated, not by the sizes the zip declares (files/bounded-zip.ts).
  const workbook = await openXlsxWithinLimits(file);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw invalidFile('The workbook has no sheet');
  const rows: RawRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      values[column - 1] = cellText(cell.value);
    });
    rows.push({ row: rowNumber, values: Array.from(values, (v) => v ?? '') });
  });
  return rows;
}

/** UTF-8, or Windows-1252 for files saved by Excel's plain "CSV (Comma delimited)". */
function decodeText(file: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    return new TextDecoder('windows-1252').decode(file);
  }
}

/** The delimiter used most in the header line: `,` by default, `;` as Excel writes it in Indonesian locales. */
function detectDelimiter(text: string): string {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  const count = (char: string) => header.split(char).length - 1;
  return [';', '\t'].reduce((best, char) => (count(char) > count(best) ? char : best), ',');
}

function readCsv(file: Buffer): RawRow[] {
  const text = decodeText(file).replace(/^\uFEFF/, '');
  if (text.includes('\u0000')) throw invalidFile('The file is neither an XLSX workbook nor a CSV text file');
  let records: string[][];
  try {
    records = parseCsv(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      // Blank lines are kept (and skipped later) so record numbers stay the spreadsheet's row numbers.
      skip_empty_lines: false,
      to: MAX_CSV_RECORDS,
    }) as string[][];
  } catch (error) {
    throw invalidFile(
      `The CSV file cannot be read: ${error instanceof Error ? error.message : 'parse error'}`,
    );
  }
  if (records.length >= MAX_CSV_RECORDS) throw tooManyRows();
  return records.map((values, i) => ({ row: i + 1, values }));
}

const tooManyRows = () =>
  invalidFile(
    `The file has more than ${MAX_IMPORT_ROWS.toLocaleString('en')} rows; split it into smaller files`,
  );

/** "Kode Wilayah *" → the kode_wilayah column. Unknown headers are ignored (e.g. a "No." column). */
function columnOfHeader(text: string): SheetColumn | undefined {
  const name = text
    .trim()
    .toLowerCase()
    .replace(/\s*\*$/, '')
    .replace(/[\s-]+/g, '_');
  return ORGANISATION_COLUMNS.find((c) => c.header === name);
}

/** Trimmed; in CSV files, the apostrophe our export puts before = + - @ (CSV injection) is removed. */
function cleanCell(text: string, csv: boolean): string {
  const trimmed = text.trim();
  return csv && /^'[=+\-@]/.test(trimmed) ? trimmed.slice(1) : trimmed;
}

/**
 * Reads an XLSX (first sheet) or CSV (`,`, `;` or tab) file with the headers in row 1.
 * Throws IMPORT_FILE_INVALID when the file cannot be read as such a table.
 */
export async function readSheetTable(file: Buffer): Promise<SheetTable> {
  if (file.length === 0) throw invalidFile('The file is empty');
  if (hasMagic(file, OLE_MAGIC)) {
    throw invalidFile('Old Excel files (.xls) cannot be read: save the file as .xlsx or .csv');
  }
  const csv = !hasMagic(file, ZIP_MAGIC);
  const [head, ...body] = csv ? readCsv(file) : await readXlsx(file);
  if (head?.row !== 1 || head.values.every((v) => v.trim() === '')) {
    throw invalidFile('Row 1 must hold the column headers (kode, nama_resmi, jenis, kode_wilayah, …)');
  }
  const positions = new Map<SheetColumn, number>();
  head.values.forEach((text, index) => {
    const column = columnOfHeader(text);
    if (!column) return;
    if (positions.has(column)) {
      throw invalidFile(`The column ${column.header} appears twice`, [
        { path: `file.${column.header}`, message: 'duplicate column', code: 'duplicate_column' },
      ]);
    }
    positions.set(column, index);
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !positions.has(c));
  if (missing.length > 0) {
    throw invalidFile(
      `Required column(s) missing from row 1: ${missing.map((c) => c.header).join(', ')}`,
      missing.map((c) => ({ path: `file.${c.header}`, message: 'missing column', code: 'missing_column' })),
    );
  }
  const rows: SheetTable['rows'] = [];
  for (const { row, values } of body) {
    const cells = new Map<SheetColumn, string>();
    for (const [column, index] of positions) cells.set(column, cleanCell(values[index] ?? '', csv));
    if ([...cells.values()].every((text) => text === '')) continue;
    rows.push({ row, cells });
  }
  if (rows.length === 0) throw invalidFile('The file has no data rows below the header');
  if (rows.length > MAX_IMPORT_ROWS) throw tooManyRows();
  return { rows };
}

// ---------------------------------------------------------------------------------------------
// From cells to a record

const EMPTY_RECORD: SheetRecord = {
  key: '',
  legalName: '',
  shortName: null,
  type: '',
  level: null,
  parentKey: null,
  areaCode: '',
  address: null,
  website: null,
  description: null,
  issues: [],
  coverageAreas: [],
  offers: [],
  contacts: [],
};

/** Dotted or undotted (5203 → 52.03) Kemendagri codes; anything else is kept for the validator to refuse. */
const areaCodeOf = (text: string) => normaliseCode(text) ?? text;

/** "www.example.org" → "https://www.example.org"; anything with a scheme is left to the validator. */
function websiteOf(text: string): string | null {
  if (!text) return null;
  return /^[\w-]+(\.[\w-]+)+(\/\S*)?$/.test(text) ? `https://${text}` : text;
}

/**
 * The record a row describes: the existing organisation (or an empty one) with the
 * cells of the file's columns laid over it. A column the file lacks leaves that field
 * as it is. The contact columns edit the first contact person; when they are all empty
 * the recorded contacts stay (the file shows one of up to ten, so an empty cell cannot
 * mean "none").
 */
function recordOf(
  cells: Map<SheetColumn, string>,
  base: SheetRecord,
): { record: SheetRecord; contact: boolean } {
  const record: SheetRecord = { ...base };
  const contactCells: Partial<Record<ContactField, string>> = {};
  for (const [column, text] of cells) {
    const field = column.field;
    switch (field) {
      case 'key':
        record.key = text.toLowerCase();
        break;
      case 'parentKey':
        record.parentKey = text ? text.toLowerCase() : null;
        break;
      case 'legalName':
        record.legalName = text;
        break;
      case 'type':
        record.type = text ? (typeFromLabel(text) ?? text) : '';
        break;
      case 'level':
        record.level = text ? (levelFromLabel(text) ?? text) : null;
        break;
      case 'areaCode':
        record.areaCode = areaCodeOf(text);
        break;
      case 'website':
        record.website = websiteOf(text);
        break;
      case 'shortName':
      case 'address':
      case 'description':
        record[field] = text || null;
        break;
      case 'issues':
        record.issues = splitList(text).map((code) => code.toLowerCase());
        break;
      case 'coverageAreas':
        record.coverageAreas = splitList(text).map(areaCodeOf);
        break;
      case 'offers':
        record.offers = splitList(text).map((offer) => offerFromLabel(offer) ?? offer);
        break;
      default:
        contactCells[field.slice('contact.'.length) as ContactField] = text;
    }
  }
  const contact = Object.values(contactCells).some(Boolean);
  if (contact) {
    const first = base.contacts[0];
    const pick = (f: ContactField) => (f in contactCells ? contactCells[f] || null : (first?.[f] ?? null));
    record.contacts = [
      { name: pick('name') ?? '', position: pick('position'), phone: pick('phone'), email: pick('email') },
      ...base.contacts.slice(1),
    ];
  }
  return { record, contact };
}

type Problem = Omit<ImportProblem, 'row'>;
const REQUIRED: Pick<Problem, 'message' | 'code'> = { message: 'required', code: 'required' };

/** A zod issue in the words of a spreadsheet user, naming the value that is wrong. */
function describeIssue(issue: z.core.$ZodIssue, record: SheetRecord, cellEmpty: boolean): Problem {
  const column = columnOfPath(issue.path);
  const header = column?.header ?? issue.path.join('.');
  const [field, index] = issue.path;
  const list = typeof field === 'string' ? (record as unknown as Record<string, unknown>)[field] : undefined;
  const item = Array.isArray(list) && typeof index === 'number' ? String(list[index]) : '';
  const at = (message: string, code: string, value?: string) => ({
    column: header,
    message,
    code,
    ...(value === undefined ? {} : { params: { value } }),
  });
  if (column?.required === 'always' && cellEmpty) return { column: header, ...REQUIRED };
  if (field === 'contacts' && issue.path[2] === 'name' && !record.contacts[0]?.name) {
    return at('a contact person needs a name', 'required');
  }
  if (issue.message === 'AREA_CODE_MALFORMED') {
    const code = field === 'coverageAreas' ? item : record.areaCode;
    return at(
      `"${code}" is not a Kemendagri area code (e.g. 52.03 or 52.03.01.2002)`,
      'malformed_area_code',
      code,
    );
  }
  if (issue.code === 'invalid_value') {
    if (field === 'type') {
      return at(
        `unknown type "${record.type}": use ${ORGANISATION_TYPES.join(', ')} or a label such as pemerintah, BUMD, LSM`,
        'invalid_value',
        record.type,
      );
    }
    if (field === 'level')
      return at(
        `unknown level "${record.level}": use provinsi or kabupaten/kota`,
        'invalid_value',
        String(record.level),
      );
    if (field === 'offers') {
      return at(
        `unknown offer "${item}": use dana, barang, keahlian, relawan or media`,
        'invalid_value',
        item,
      );
    }
  }
  if (field === 'issues' && issue.code === 'invalid_format')
    return at(`"${item}" is not an issue code`, 'invalid_format', item);
  const limit = textLimitOfIssue(issue);
  if (limit !== null) return at(tooLongMessage(limit), TOO_LONG);
  return at(issue.message, issue.code);
}

/** The level rule of the contract, applied even when other fields fail (zod then skips refinements). */
function levelProblem(record: SheetRecord): Problem | null {
  if (!(ORGANISATION_TYPES as readonly string[]).includes(record.type)) return null;
  const levelled = (LEVELLED_TYPES as readonly string[]).includes(record.type);
  if (levelled && !record.level)
    return { column: 'tingkat', message: 'required for this organisation type', code: 'required' };
  if (!levelled && record.level) {
    return {
      column: 'tingkat',
      message: 'only for government agencies and LKKS chapters',
      code: 'not_allowed',
    };
  }
  return null;
}

/** Field problems of one row: the shared create rules plus the import's own (kode and kode_induk are required/keys). */
function fieldProblems(record: SheetRecord, cells: Map<SheetColumn, string>, contact: boolean): Problem[] {
  const problems: Problem[] = [];
  const cellEmpty = (header: string) => {
    const column = ORGANISATION_COLUMNS.find((c) => c.header === header);
    return !column || !cells.get(column);
  };
  if (!record.key) problems.push({ column: 'kode', ...REQUIRED });
  if (record.parentKey && !organisationKey.safeParse(record.parentKey).success) {
    problems.push({
      column: 'kode_induk',
      message: `"${record.parentKey}" is not an organisation kode`,
      code: 'invalid_format',
      params: { value: record.parentKey },
    });
  }
  const parsed = createOrganisationBody.safeParse({
    key: record.key || undefined,
    legalName: record.legalName || undefined,
    shortName: record.shortName,
    type: record.type || undefined,
    level: record.level,
    issues: record.issues,
    coverageAreas: record.coverageAreas,
    // Only the contact person the file gives is checked; the others were checked when recorded.
    contacts: contact ? record.contacts.slice(0, 1) : [],
    address: record.address,
    areaCode: record.areaCode || undefined,
    website: record.website,
    description: record.description,
    offers: record.offers,
  });
  let levelInvalid = false;
  for (const issue of parsed.error?.issues ?? []) {
    if (issue.path[0] === 'level' && issue.code === 'custom') continue; // levelProblem reports it
    if (issue.path[0] === 'level') levelInvalid = true;
    const column = columnOfPath(issue.path);
    problems.push(describeIssue(issue, record, column ? cellEmpty(column.header) : false));
  }
  const level = levelInvalid ? null : levelProblem(record);
  if (level) problems.push(level);
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Planning: every check, then what each valid row would do

interface Candidate {
  row: number;
  record: SheetRecord;
  existing: OrganisationSheetRow | undefined;
}

export interface PlannedRow {
  row: number;
  record: SheetRecord;
  existing: OrganisationSheetRow | undefined;
  /** The existing id, or the id the new organisation will get. */
  id: string;
  action: 'create' | 'update' | 'unchanged';
  /** For new organisations: the organisation registering it (null = the platform). */
  registeredBy: string | null;
  /** The verification status the row is written with (an edit of legal fields may return it to review). */
  verificationStatus?: OrganisationSheetRow['verification_status'];
}

export interface ImportPlan {
  rows: number;
  planned: PlannedRow[];
  problems: ImportProblem[];
  /** Ids of organisations referred to by `kode_induk` that are not rows of the file. */
  parentIds: Map<string, string>;
}

async function inChunks<T, R>(values: readonly T[], run: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < values.length; i += CHUNK) results.push(...(await run(values.slice(i, i + CHUNK))));
  return results;
}

/** Normalised content for "did anything change": list order, duplicates and empty-vs-null do not count. */
function comparable(record: SheetRecord): string {
  const text = (value: string | null | undefined) => value || null;
  const set = (values: readonly string[]) => [...new Set(values)].sort();
  return canonicalJson({
    key: record.key,
    legalName: record.legalName,
    shortName: text(record.shortName),
    type: record.type,
    level: text(record.level),
    parentKey: text(record.parentKey),
    areaCode: record.areaCode,
    address: text(record.address),
    website: text(record.website),
    description: text(record.description),
    issues: set(record.issues),
    coverageAreas: set(record.coverageAreas),
    offers: set(record.offers),
    contacts: record.contacts.map((c) => ({
      name: c.name,
      position: text(c.position),
      phone: text(c.phone),
      email: text(c.email),
    })),
  });
}

function scopeLabel(actor: Actor): string {
  const scopes = membershipsWith(actor, ['coordinator']).map((m) => m.areaScope ?? '52');
  return scopes.length ? ` (${[...new Set(scopes)].join(', ')})` : '';
}

/** Checks every row of the table and works out what importing it would do. Writes nothing. */
export async function planImport(db: Kysely<DB>, actor: Actor, table: SheetTable): Promise<ImportPlan> {
  const problems: ImportProblem[] = [];
  const bad = new Set<number>();
  const report = (row: number, problem: Problem) => {
    problems.push({ row, ...problem });
    bad.add(row);
  };

  // Existing organisations of the file's keys, whoever may see them: a key is unique platform-wide.
  const keyColumn = REQUIRED_COLUMNS.find((c) => c.field === 'key') as SheetColumn;
  const keyed = table.rows.map(({ row, cells }) => ({
    row,
    cells,
    key: (cells.get(keyColumn) ?? '').toLowerCase(),
  }));
  const keys = [...new Set(keyed.map((r) => r.key).filter((key) => organisationKey.safeParse(key).success))];
  const existingRows = await inChunks(
    keys,
    async (chunk) =>
      (await selectOrganisationSheetRows(db, actor)
        .where('o.key', 'in', chunk)
        .execute()) as OrganisationSheetRow[],
  );
  const existingByKey = new Map(existingRows.map((r) => [r.key, r]));
  const visible = new Set(
    (
      await inChunks(existingRows, (chunk) =>
        db
          .selectFrom('organisations as o')
          .select('o.id')
          .where(
            'o.id',
            'in',
            chunk.map((r) => r.id),
          )
          .where(visibleTo(actor))
          .execute(),
      )
    ).map((r) => r.id),
  );

  // Field rules, and kode used twice.
  const candidates: Candidate[] = [];
  const firstRowOfKey = new Map<string, number>();
  for (const { row, cells, key } of keyed) {
    const existing = existingByKey.get(key);
    const { record, contact } = recordOf(cells, existing ? sheetRecordOf(existing) : EMPTY_RECORD);
    for (const problem of fieldProblems(record, cells, contact)) report(row, problem);
    if (record.key) {
      const first = firstRowOfKey.get(record.key);
      if (first !== undefined) {
        report(row, {
          column: 'kode',
          message: `kode "${record.key}" is already used in row ${first}`,
          code: 'duplicate_key',
          params: { value: record.key, otherRow: first },
        });
      } else {
        firstRowOfKey.set(record.key, row);
      }
    }
    candidates.push({ row, record, existing });
  }

  // Database references: areas (current, not retired), active issues, parents.
  const areaCodes = [
    ...new Set(
      candidates.flatMap((c) => [c.record.areaCode, ...c.record.coverageAreas]).filter(isWellFormedAreaCode),
    ),
  ];
  const knownAreas = new Set(
    (
      await inChunks(areaCodes, (chunk) =>
        db
          .selectFrom('areas')
          .select('code')
          .where('code', 'in', chunk)
          .where('valid_to', 'is', null)
          .execute(),
      )
    ).map((a) => a.code),
  );
  const activeIssues = new Set(
    (await db.selectFrom('issues').select('code').where('active', '=', true).execute()).map((i) => i.code),
  );
  const issueShape = /^[a-z][a-z0-9_]{1,40}$/;
  for (const { row, record } of candidates) {
    if (isWellFormedAreaCode(record.areaCode) && !knownAreas.has(record.areaCode)) {
      report(row, {
        column: 'kode_wilayah',
        message: `unknown or retired area code ${record.areaCode}`,
        params: { value: record.areaCode },
        code: 'unknown_area',
      });
    }
    for (const code of record.coverageAreas) {
      if (isWellFormedAreaCode(code) && !knownAreas.has(code)) {
        report(row, {
          column: 'wilayah_cakupan',
          message: `unknown or retired area code ${code}`,
          params: { value: code },
          code: 'unknown_area',
        });
      }
    }
    for (const code of record.issues) {
      if (issueShape.test(code) && !activeIssues.has(code)) {
        report(row, {
          column: 'isu',
          message: `unknown issue ${code}`,
          code: 'unknown_issue',
          params: { value: code },
        });
      }
    }
  }

  // Parents: a row of the file, or an organisation in the database. Walking up the
  // database's parents as well finds cycles the file would close (A → B in the file, B → A recorded).
  const fileKeys = new Set(firstRowOfKey.keys());
  const parentOf = new Map<string, string | null>();
  for (const { record } of candidates)
    if (record.key && !parentOf.has(record.key)) parentOf.set(record.key, record.parentKey);
  const parentIds = new Map<string, string>();
  let frontier = [...new Set([...parentOf.values()])].filter((k): k is string => !!k && !parentOf.has(k));
  // A kode_induk may name only an organisation the importer can see: a hidden one answers exactly
  // like a kode nobody has. (The walk further up, for cycles, goes through every recorded parent.)
  const nameableParents = new Set(
    (
      await inChunks(frontier, (chunk) =>
        db
          .selectFrom('organisations as o')
          .select('o.key')
          .where('o.key', 'in', chunk)
          .where(visibleTo(actor))
          .execute(),
      )
    ).map((o) => o.key),
  );
  while (frontier.length > 0) {
    const found = await inChunks(frontier, (chunk) =>
      db
        .selectFrom('organisations as o')
        .leftJoin('organisations as p', 'p.id', 'o.parent_id')
        .select(['o.id', 'o.key', 'p.key as parent_key'])
        .where('o.key', 'in', chunk)
        .execute(),
    );
    for (const key of frontier) parentOf.set(key, null);
    for (const org of found) {
      parentOf.set(org.key, org.parent_key);
      parentIds.set(org.key, org.id);
    }
    frontier = [...new Set(found.map((o) => o.parent_key))].filter(
      (k): k is string => !!k && !parentOf.has(k),
    );
  }
  for (const { row, record } of candidates) {
    const parent = record.parentKey;
    if (!parent || !record.key || !organisationKey.safeParse(parent).success) continue;
    if (parent === record.key) {
      report(row, {
        column: 'kode_induk',
        message: 'an organisation cannot be its own parent',
        code: 'invalid_parent',
      });
    } else if (!fileKeys.has(parent) && !nameableParents.has(parent)) {
      report(row, {
        column: 'kode_induk',
        message: `no organisation has the kode ${parent}`,
        params: { value: parent },
        code: 'unknown_parent',
      });
    } else {
      const seen = new Set([record.key]);
      for (let up: string | null | undefined = parent; up; up = parentOf.get(up)) {
        if (up === record.key) {
          report(row, {
            column: 'kode_induk',
            message: 'the parents would form a cycle',
            code: 'parent_cycle',
          });
          break;
        }
        if (seen.has(up)) break;
        seen.add(up);
      }
    }
  }

  // The importer's area, and what each remaining row would do.
  const planned: PlannedRow[] = [];
  for (const { row, record, existing } of candidates) {
    if (existing && !visible.has(existing.id)) {
      // Not "unchanged" either: comparing would reveal the content of an organisation the importer cannot see.
      report(row, {
        column: 'kode',
        message: 'an organisation with this kode exists outside your area',
        code: 'out_of_scope',
      });
      continue;
    }
    if (bad.has(row)) continue;
    if (!existing) {
      const registeredBy = registeringOrganisation(actor, record.areaCode);
      if (registeredBy === undefined) {
        report(row, {
          column: 'kode_wilayah',
          message: `${record.areaCode} is outside your area${scopeLabel(actor)}`,
          params: { value: record.areaCode },
          code: 'out_of_scope',
        });
        continue;
      }
      planned.push({ row, record, existing, id: randomUUID(), action: 'create', registeredBy });
      continue;
    }
    const changed = comparable(record) !== comparable(sheetRecordOf(existing));
    if (changed) {
      const ref = { id: existing.id, registeredByOrgId: existing.registered_by_org_id };
      if (!canEditOrganisation(actor, { ...ref, areaCode: existing.area_code })) {
        report(row, {
          column: 'kode',
          message: 'you may not change this organisation',
          code: 'out_of_scope',
        });
        continue;
      }
      // Moving an organisation's seat is also a write in the destination area.
      if (!canEditOrganisation(actor, { ...ref, areaCode: record.areaCode })) {
        report(row, {
          column: 'kode_wilayah',
          message: `${record.areaCode} is outside your area${scopeLabel(actor)}`,
          params: { value: record.areaCode },
          code: 'out_of_scope',
        });
        continue;
      }
    }
    planned.push({
      row,
      record,
      existing,
      id: existing.id,
      action: changed ? 'update' : 'unchanged',
      registeredBy: existing.registered_by_org_id,
      verificationStatus: verificationAfterEdit(
        actor,
        {
          id: existing.id,
          registeredByOrgId: existing.registered_by_org_id,
          verificationStatus: existing.verification_status,
        },
        rowToInput(existing, existing.coverage),
        inputOf(record, null),
      ),
    });
  }

  const order = (header: string) => ORGANISATION_COLUMNS.findIndex((c) => c.header === header);
  problems.sort((a, b) => a.row - b.row || order(a.column) - order(b.column));
  return { rows: table.rows.length, planned: planned.filter((p) => !bad.has(p.row)), problems, parentIds };
}

// ---------------------------------------------------------------------------------------------
// Writing

function inputOf(record: SheetRecord, parentId: string | null): OrganisationInput & { key: string } {
  return {
    key: record.key,
    legalName: record.legalName,
    shortName: record.shortName || null,
    type: record.type as OrganisationType,
    level: (record.level || null) as OrganisationInput['level'],
    parentId,
    issues: [...new Set(record.issues)],
    coverageAreas: [...new Set(record.coverageAreas)],
    contacts: record.contacts,
    address: record.address || null,
    areaCode: record.areaCode,
    website: record.website || null,
    description: record.description || null,
    offers: [...new Set(record.offers)],
  };
}

/**
 * The parent a row is written with. An existing organisation's parent the importer cannot see
 * was shown to them as an empty kode_induk (export, preview), so an empty cell keeps it.
 */
function parentIdOf(p: PlannedRow, idOfKey: Map<string, string>): string | null {
  if (p.record.parentKey) return idOfKey.get(p.record.parentKey) ?? null;
  const hiddenParent = p.existing?.parent_id && p.existing.parent_key === null;
  return hiddenParent ? (p.existing?.parent_id ?? null) : null;
}

/** Writes the planned creates and updates in one transaction, parents before their children. */
async function writePlan(db: Kysely<DB>, plan: ImportPlan, context: AuditContext): Promise<void> {
  const idOfKey = new Map(plan.parentIds);
  for (const p of plan.planned) idOfKey.set(p.record.key, p.id);
  const parentInFile = new Map(plan.planned.map((p) => [p.record.key, p.record.parentKey]));
  const depthOf = (key: string): number => {
    let depth = 0;
    for (let up = parentInFile.get(key); up && parentInFile.has(up); up = parentInFile.get(up)) depth += 1;
    return depth;
  };
  const changes = plan.planned
    .filter((p) => p.action !== 'unchanged')
    .map((p) => ({
      ...p,
      depth: depthOf(p.record.key),
      input: inputOf(p.record, parentIdOf(p, idOfKey)),
    }));
  if (changes.length === 0) return;
  const depths = [...new Set(changes.map((c) => c.depth))].sort((a, b) => a - b);
  try {
    await db.transaction().execute(async (trx) => {
      for (const depth of depths) {
        const level = changes.filter((c) => c.depth === depth);
        await inChunks(
          level.filter((c) => c.action === 'create'),
          async (chunk) => [
            await trx
              .insertInto('organisations')
              .values(
                chunk.map((c) => ({
                  id: c.id,
                  key: c.input.key,
                  ...columnsOf(c.input),
                  registered_by_org_id: c.registeredBy,
                })),
              )
              .execute(),
          ],
        );
        for (const c of level) {
          if (c.action !== 'update' || !c.existing) continue;
          await updateWithVersion(trx, 'organisations', c.id, c.existing.version, {
            key: c.input.key,
            ...columnsOf(c.input),
            verification_status: c.verificationStatus ?? c.existing.verification_status,
          });
        }
      }
      // Issues and coverage in bulk (service.writeLinks does it per organisation: four statements each).
      const updatedIds = changes.filter((c) => c.action === 'update').map((c) => c.id);
      await inChunks(updatedIds, async (ids) => [
        await trx.deleteFrom('organisation_issues').where('organisation_id', 'in', ids).execute(),
        await trx.deleteFrom('organisation_coverage').where('organisation_id', 'in', ids).execute(),
      ]);
      const issueRows = changes.flatMap((c) =>
        c.input.issues.map((issue_code) => ({ organisation_id: c.id, issue_code })),
      );
      await inChunks(issueRows, async (rows) => [
        await trx.insertInto('organisation_issues').values(rows).execute(),
      ]);
      const coverageRows = changes.flatMap((c) =>
        c.input.coverageAreas.map((area_code) => ({ organisation_id: c.id, area_code })),
      );
      await inChunks(coverageRows, async (rows) => [
        await trx.insertInto('organisation_coverage').values(rows).execute(),
      ]);
      for (const c of changes) {
        await recordAudit(trx, context, {
          action: 'import',
          entityType: 'organisation',
          entityId: c.id,
          ...(c.existing
            ? {
                before: auditSnapshot({
                  ...rowToInput(c.existing, c.existing.coverage),
                  verificationStatus: c.existing.verification_status,
                }),
              }
            : {}),
          after: auditSnapshot({
            ...c.input,
            ...(c.verificationStatus ? { verificationStatus: c.verificationStatus } : {}),
          }),
        });
      }
    });
  } catch (error) {
    // Someone created one of these keys between the check and the write.
    if ((error as { code?: unknown }).code === '23505') {
      throw new AppError(
        'ORGANISATION_KEY_TAKEN',
        'An organisation kode of the file was taken during the import; import again',
      );
    }
    throw error;
  }
}

function cappedProblems(problems: ImportProblem[]): ImportProblem[] {
  if (problems.length <= MAX_REPORTED_PROBLEMS) return problems;
  const more = problems.length - MAX_REPORTED_PROBLEMS;
  return [
    ...problems.slice(0, MAX_REPORTED_PROBLEMS),
    {
      row: 0,
      column: '',
      message: `${more} more problem(s) not listed; fix these first`,
      code: 'too_many_problems',
      params: { count: more },
    },
  ];
}

/**
 * Imports an uploaded XLSX or CSV file. With problems, or with `dryRun`, nothing is
 * written and `committed` is false; the counts then say what the valid rows would do.
 */
export async function importOrganisations(
  db: Kysely<DB>,
  actor: Actor,
  file: Buffer,
  options: ImportOptions,
  context: AuditContext,
): Promise<ImportResult> {
  const { table, skipped } = withoutTemplateExamples(await readSheetTable(file));
  const plan = await planImport(db, actor, table);
  const commit = plan.problems.length === 0 && !options.dryRun;
  if (commit) await writePlan(db, plan, context);
  const count = (action: PlannedRow['action']) => plan.planned.filter((p) => p.action === action).length;
  return {
    committed: commit,
    rows: plan.rows,
    created: count('create'),
    updated: count('update'),
    unchanged: count('unchanged'),
    problems: cappedProblems(plan.problems),
    skipped,
  };
}

/**
 * The table without the template's fictional example rows, which are reported as skipped
 * instead. A file of nothing but examples is the untouched template: nothing to import.
 */
export function withoutTemplateExamples(table: SheetTable): {
  table: SheetTable;
  skipped: ImportSkippedRow[];
} {
  const kodeColumn = ORGANISATION_COLUMNS.find((c) => c.field === 'key') as SheetColumn;
  const skipped: ImportSkippedRow[] = [];
  const rows = table.rows.filter(({ row, cells }) => {
    const kode = (cells.get(kodeColumn) ?? '').toLowerCase();
    if (!TEMPLATE_EXAMPLE_KEYS.has(kode)) return true;
    skipped.push({ row, kode, code: 'template_example' });
    return false;
  });
  if (rows.length === 0) {
    throw new AppError(
      'IMPORT_NOTHING_TO_IMPORT',
      `Nothing to import: the file holds only the template's example rows (${skipped.map((s) => s.row).join(', ')})`,
    );
  }
  return { table: { rows }, skipped };
}
