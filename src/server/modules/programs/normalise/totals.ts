/**
 * Recognises the totals rows partners put under (or between) program rows, so the
 * importer does not read "JUMLAH … =SUM(I5:I14)" as one more program.
 */
import { parseRupiah } from './money.ts';

/**
 * "TOTAL", "Jumlah", "Jml.", "Grand Total", "Sub Total", "Sub-Total", "Total Keseluruhan",
 * "Jumlah Total", "TOTAL (Rp)", "Jumlah 2025" — a totals word with at most a few
 * qualifiers, nothing else (so "Jumlah Penerima Manfaat" is not a label).
 */
const TOTALS_LABEL =
  /^(?:grand total|sub ?total|total jumlah|jumlah total|total|jumlah|jml)(?: (?:keseluruhan|seluruhnya|akhir|umum|semua|nilai|anggaran|biaya|dana|rp|rupiah|program|\d{4}))*$/;

/** True for a cell that says "total" in one of the ways recaps do. */
export function isTotalsLabel(text: string): boolean {
  return TOTALS_LABEL.test(normalise(text));
}

/**
 * True when a row is a total rather than a program. Two shapes:
 * - a totals label ("JUMLAH", "Sub Total") with at most one other text cell beside it
 *   (a header row with a "Jumlah (Rp)" column has many text cells and is not a total);
 * - one text cell, written before any number, followed only by numbers, amounts or
 *   formulas ("Lombok Timur | | 150.000.000" is a subtotal). A leading row number
 *   ("1 | Bedah Rumah | 250.000.000") makes it a program row, not a total.
 * Cells are the row's cells as text, empty string for empty cells.
 */
export function looksLikeTotalsRow(cells: readonly string[]): boolean {
  const filled = cells.map((cell) => cell.trim()).filter((cell) => cell !== '');
  const texts = filled.filter((cell) => !isNumeric(cell));
  const numbers = filled.length - texts.length;
  if (texts.some(isTotalsLabel) && texts.length <= 2) return true;
  return texts.length === 1 && numbers > 0 && filled[0] === texts[0];
}

/** A number, an amount of money, a percentage, or a formula that Excel stored as text ("=SUM(I5:I14)"). */
function isNumeric(cell: string): boolean {
  if (cell.startsWith('=')) return true;
  if (/^\d+(?:[.,]\d+)?\s*%$/.test(cell)) return true;
  return parseRupiah(cell).status === 'ok';
}

function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
