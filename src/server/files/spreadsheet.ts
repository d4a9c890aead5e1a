/**
 * The one way the server opens an uploaded XLSX workbook: through the bounded zip reader
 * (bounded-zip.ts), so a zip bomb is refused with a clear error before ExcelJS sees a
 * byte of it, whatever sizes the file declares. Every importer goes through here.
 */
import ExcelJS from 'exceljs';
import { AppError } from '../errors.ts';
import {
  SPREADSHEET_LIMITS,
  storedCopyWithinLimits,
  TOO_LARGE_REASONS,
  type ZipLimits,
  ZipRefused,
} from './bounded-zip.ts';

const REFUSAL_MESSAGES: Partial<Record<ZipRefused['reason'], string>> = {
  too_many_entries: 'The workbook has more parts than a spreadsheet has',
  entry_too_large: 'A part of the workbook unpacks to more than an import can hold',
  total_too_large: 'The workbook unpacks to more than an import can hold',
  compression_ratio: 'The workbook is compressed far more than a spreadsheet can be (a zip bomb)',
  zip64: 'The workbook is too large (ZIP64)',
};

/** The workbook in `file` (an XLSX), opened within `limits`. Throws FILE_UNPACKS_TOO_LARGE or IMPORT_FILE_INVALID. */
export async function openXlsxWithinLimits(
  file: Buffer,
  limits: ZipLimits = SPREADSHEET_LIMITS,
): Promise<ExcelJS.Workbook> {
  let stored: Buffer;
  try {
    stored = await storedCopyWithinLimits(file, limits);
  } catch (error) {
    if (!(error instanceof ZipRefused)) throw error;
    const detail = { path: 'file', code: error.reason, message: error.reason };
    if (TOO_LARGE_REASONS.includes(error.reason)) {
      const message = REFUSAL_MESSAGES[error.reason] ?? 'The workbook is too large';
      throw new AppError(
        'FILE_UNPACKS_TOO_LARGE',
        `${message}; remove unused sheets or split the file (at most ${limits.maxTotalBytes / 1024 / 1024} MB unpacked)`,
        [{ ...detail, message }],
      );
    }
    throw new AppError('IMPORT_FILE_INVALID', 'The file is not a readable XLSX workbook', [detail]);
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(stored as unknown as ExcelJS.Buffer);
  } catch {
    throw new AppError('IMPORT_FILE_INVALID', 'The file is not a readable XLSX workbook');
  }
  return workbook;
}
