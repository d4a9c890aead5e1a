/**
 * Turns an uploaded XLSX or CSV file into the cell grid the import session stores:
 * every sheet, every non-empty row, each cell as text, a number or a calendar date.
 * Nothing is interpreted here (that is plan.ts); this only flattens what ExcelJS and
 * csv-parse give into plain JSON and bounds how much of it is kept.
 */

import { parse as parseCsv } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { TEXT_LIMITS } from '../../../../shared/contracts/limits.ts';
import type { StoredCell } from '../../../../shared/contracts/program-import.ts';
import { AppError } from '../../../errors.ts';
import { openXlsxWithinLimits } from '../../../files/spreadsheet.ts';

/** Non-empty rows kept per sheet; a recap with more should be split (and would be slow to check by eye). */
export const MAX_ROWS_PER_SHEET = 10_000;
/** Columns kept per row; recaps have a dozen or two. Cells to the right are dropped. */
export const MAX_COLUMNS = 100;
/**
 * Characters kept per cell: one more than the longest text a field accepts, so a longer cell
 * still fails its field's limit (a too_long row problem) instead of being cut to fit silently.
 */
export const MAX_CELL_CHARS = TEXT_LIMITS.description + 1;
/** Cells kept in the whole workbook: bounds the stored grid (jsonb) to a few tens of megabytes. */
export const MAX_CELLS = 400_000;

/** A merged range, 1-based and inclusive. */
export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface StoredRow {
  /** Excel row number. */
  r: number;
  /** Cells from column A; trailing empty cells are left out. */
  c: StoredCell[];
}

export interface StoredSheet {
  name: string;
  /** Number of the last non-empty row. */
  rows: number;
  /** Widest row, in columns. */
  columns: number;
  data: StoredRow[];
  merges: MergedRange[];
}

export interface StoredWorkbook {
  /** Workbooks saved with the old Mac date system count serials from 1904. */
  date1904: boolean;
  sheets: StoredSheet[];
}

function invalidFile(message: string): AppError {
  return new AppError('IMPORT_FILE_INVALID', message);
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const hasMagic = (file: Buffer, magic: number[]) => magic.every((byte, i) => file[i] === byte);

/** Reads an XLSX workbook (all sheets) or a CSV file (one sheet). Throws IMPORT_FILE_INVALID, FILE_UNPACKS_TOO_LARGE or PAYLOAD_TOO_LARGE. */
export async function readWorkbook(file: Buffer, fileName: string): Promise<StoredWorkbook> {
  if (file.length === 0) throw invalidFile('The file is empty');
  if (hasMagic(file, OLE_MAGIC)) {
    throw invalidFile('Old Excel files (.xls) cannot be read: save the file as .xlsx or .csv');
  }
  const workbook = hasMagic(file, ZIP_MAGIC) ? await readXlsx(file) : readCsvFile(file, fileName);
  if (workbook.sheets.every((sheet) => sheet.data.length === 0)) throw invalidFile('The file has no data');
  return workbook;
}

// ---------------------------------------------------------------------------------------------
// XLSX

/** What the cell shows: rich text joined, a formula's cached result, a hyperlink's text, a date as a calendar date. */
export function storedCellOf(value: ExcelJS.CellValue): StoredCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return clip(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  // ExcelJS puts date cells at midnight UTC; the UTC date is the calendar date the cell shows.
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? null : { d: value.toISOString().slice(0, 10) };
  if ('richText' in value) return clip(value.richText.map((run) => run.text).join(''));
  if ('hyperlink' in value) {
    const text = value.text as unknown;
    if (typeof text === 'string') return clip(text);
    return storedCellOf(text as ExcelJS.CellValue) ?? clip(value.hyperlink);
  }
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result;
    if (result !== undefined && result !== null && typeof result !== 'object') {
      return storedCellOf(result as ExcelJS.CellValue);
    }
    if (result instanceof Date) return storedCellOf(result);
    // No cached result (files written by scripts): keep the formula as text, as a person sees it in the bar.
    const formula = 'formula' in value ? value.formula : (value as { sharedFormula: string }).sharedFormula;
    return typeof formula === 'string' ? clip(`=${formula}`) : null;
  }
  return null; // an error value such as #N/A
}

function clip(text: string): string | null {
  if (text.trim() === '') return null;
  return text.length > MAX_CELL_CHARS ? text.slice(0, MAX_CELL_CHARS) : text;
}

function parseRange(range: string): MergedRange | null {
  const match = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range.replace(/\$/g, '').toUpperCase());
  if (!match) return null;
  return {
    top: Number(match[2]),
    left: columnNumber(match[1] as string),
    bottom: Number(match[4]),
    right: columnNumber(match[3] as string),
  };
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const char of letters) n = n * 26 + (char.charCodeAt(0) - 64);
  return n;
}

async function readXlsx(file: Buffer): Promise<StoredWorkbook> {
  // Bounded by the bytes actually inflated, not by the sizes the zip declares (files/bounded-zip.ts).
  const workbook = await openXlsxWithinLimits(file);
  const date1904 = Boolean((workbook.properties as { date1904?: boolean } | undefined)?.date1904);
  let cells = 0;
  const sheets: StoredSheet[] = [];
  for (const sheet of workbook.worksheets) {
    const merges = ((sheet.model as { merges?: string[] }).merges ?? [])
      .map(parseRange)
      .filter((range): range is MergedRange => range !== null);
    // ExcelJS gives every cell of a merged range the master's value. Down a column that is
    // what a person reads (a program title or budget merged over its rows); across columns
    // it would copy a section heading into every field, so only the first column keeps it.
    const blanked = new Set<string>();
    for (const range of merges) {
      for (let row = range.top; row <= range.bottom; row += 1) {
        for (let column = range.left + 1; column <= range.right; column += 1) blanked.add(`${row}:${column}`);
      }
    }
    const data: StoredRow[] = [];
    let columns = 0;
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const values: StoredCell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        if (column > MAX_COLUMNS || blanked.has(`${rowNumber}:${column}`)) return;
        values[column - 1] = storedCellOf(cell.value);
      });
      const dense = Array.from(values, (v) => v ?? null);
      while (dense.length > 0 && dense[dense.length - 1] === null) dense.pop();
      if (dense.length === 0) return;
      data.push({ r: rowNumber, c: dense });
      columns = Math.max(columns, dense.length);
      cells += dense.length;
    });
    if (data.length > MAX_ROWS_PER_SHEET) {
      throw invalidFile(
        `The sheet "${sheet.name}" has more than ${MAX_ROWS_PER_SHEET.toLocaleString('en')} rows; split it into smaller files`,
      );
    }
    if (cells > MAX_CELLS) {
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        'The workbook holds more cells than one import can check; split it',
      );
    }
    sheets.push({ name: sheet.name, rows: data.at(-1)?.r ?? 0, columns, data, merges });
  }
  if (sheets.length === 0) throw invalidFile('The workbook has no sheet');
  return { date1904, sheets };
}

// ---------------------------------------------------------------------------------------------
// CSV

/** UTF-8, or Windows-1252 for files saved by Excel's plain "CSV (Comma delimited)". */
function decodeText(file: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    return new TextDecoder('windows-1252').decode(file);
  }
}

/**
 * The delimiter used most in the first lines: `,` by default, `;` as Excel writes it in
 * Indonesian locales, or tab. Several lines, because a recap's first line is often a title.
 */
export function detectDelimiter(text: string): string {
  const lines = text.split(/\r?\n/, 20);
  const count = (char: string) => lines.reduce((sum, line) => sum + line.split(char).length - 1, 0);
  return [';', '\t'].reduce((best, char) => (count(char) > count(best) ? char : best), ',');
}

function readCsvFile(file: Buffer, fileName: string): StoredWorkbook {
  const text = decodeText(file).replace(/^\uFEFF/, '');
  if (text.includes('\u0000')) throw invalidFile('The file is neither an XLSX workbook nor a CSV text file');
  let records: string[][];
  try {
    records = parseCsv(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      // Blank lines are kept so record numbers stay the row numbers a spreadsheet shows.
      skip_empty_lines: false,
      to: MAX_ROWS_PER_SHEET * 2,
    }) as string[][];
  } catch (error) {
    throw invalidFile(
      `The CSV file cannot be read: ${error instanceof Error ? error.message : 'parse error'}`,
    );
  }
  const data: StoredRow[] = [];
  let columns = 0;
  records.forEach((values, index) => {
    const cells = values.slice(0, MAX_COLUMNS).map((value) => clip(value));
    while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
    if (cells.length === 0) return;
    data.push({ r: index + 1, c: cells });
    columns = Math.max(columns, cells.length);
  });
  if (data.length > MAX_ROWS_PER_SHEET) {
    throw invalidFile(
      `The file has more than ${MAX_ROWS_PER_SHEET.toLocaleString('en')} rows; split it into smaller files`,
    );
  }
  const name = fileName.replace(/\.[^.]*$/, '').slice(0, 100) || 'CSV';
  return { date1904: false, sheets: [{ name, rows: data.at(-1)?.r ?? 0, columns, data, merges: [] }] };
}
