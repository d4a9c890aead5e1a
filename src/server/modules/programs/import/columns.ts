/**
 * Which column holds what: column letters, and the guess of the header row and of each
 * column's field from the header text people write in recaps ("Nama Program",
 * "Desa/Kel", "Nilai (Rp juta)", "Waktu Pelaksanaan", "Sasaran (KK)" …). The guess is
 * only a starting point the user corrects in the mapping step.
 */
import type { ImportField, StoredCell } from '../../../../shared/contracts/program-import.ts';
import type { StoredSheet } from './read-workbook.ts';

/** 0-based column index → Excel letters (0 → A, 26 → AA). */
export function columnLetterOf(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** Excel letters → 0-based column index (A → 0). */
export function columnIndexOf(letters: string): number {
  let n = 0;
  for (const char of letters.toUpperCase()) n = n * 26 + (char.charCodeAt(0) - 64);
  return n - 1;
}

/** A cell as the text a person sees; dates as dd/mm/yyyy, as an Indonesian Excel shows them. */
export function cellText(cell: StoredCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'string') return cell.trim();
  const [year, month, day] = cell.d.split('-');
  return `${day}/${month}/${year}`;
}

/** Header text for matching: lower case, punctuation as spaces ("Kabupaten/Kota" → "kabupaten kota"). */
export function normaliseHeader(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

type Rule = readonly [ImportField | 'ignore', RegExp];

/**
 * Tried in order, first match wins, so specific headers come before general ones:
 * "Sumber Dana" is a funder before "dana" can make it a budget, "Realisasi Anggaran" is
 * the realised budget, "Jenis Lembaga" is ignored before "lembaga" makes it the owner,
 * "Jumlah KK" counts households before "jumlah" or "sasaran" count persons.
 */
const HEADER_RULES: readonly Rule[] = [
  ['notes', /^(keterangan|ket|catatan|notes?|remarks?|komentar)\b/],
  ['ignore', /^(no|nomor|no urut|nomor urut|urut)$/],
  [
    'reference',
    /^(id|kode|kode program|kode kegiatan|id program|program id|no ref|nomor ref|ref|referensi|nomor referensi|reference|ref no)$/,
  ],
  ['ignore', /^(jenis|tipe|kategori) (lembaga|organisasi|perusahaan|mitra|instansi)\b/],
  ['funders', /\b(sumber dana|donor|donatur|penyandang dana|pemberi dana|funders?|sponsors?)\b/],
  ['partners', /^(nama )?(mitra|partners?)\b|\bmitra (pelaksana|kerja)\b|\bkolaborator\b/],
  [
    'owner',
    /\b(lembaga|perusahaan|organisasi|instansi|pelapor|penyelenggara|owner|organi[sz]ations?|company|pelaksana)\b/,
  ],
  ['budgetRealised', /\b(realisasi|terealisasi|realised|realized|penyerapan|actual)\b/],
  ['targetHouseholds', /\b(kk|keluarga|rumah tangga|rt|ruta|households?)\b/],
  ['targetPersons', /\b(sasaran|penerima|penerima manfaat|jiwa|orang|beneficiar(y|ies)|peserta|target)\b/],
  ['periodStart', /\b(tanggal|tgl)? ?(mulai|awal)\b|\bstart\b/],
  ['periodEnd', /\b(tanggal|tgl)? ?(selesai|akhir|berakhir)\b|\bend\b/],
  ['period', /\b(periode|waktu|jadwal|tahun|pelaksanaan|period|timeline|bulan|durasi|tanggal|tgl|date)\b/],
  [
    'modality',
    /^(bentuk|jenis|tipe|modalitas|modality)\b|\b(bentuk|jenis) (bantuan|intervensi|dukungan|kegiatan)\b/,
  ],
  ['kecamatan', /\b(kecamatan|kec|district|subdistrict)\b/],
  ['kabupaten', /\b(kabupaten|kab|kota|regency|city)\b/],
  ['villages', /\b(desa|kelurahan|kel|lokasi|villages?|locations?|dusun|wilayah)\b/],
  ['issues', /^(bidang|isu|issues?|sektor|sectors?|fokus|kategori|tema|klaster|cluster|sdgs?)\b/],
  ['budgetPlanned', /\b(anggaran|nilai|biaya|dana|budget|rp|rupiah|nominal|amount|jumlah bantuan|besaran)\b/],
  ['description', /\b(deskripsi|uraian|description|tujuan|ringkasan|summary)\b/],
  ['title', /\b(program|kegiatan|judul|title|activity|activities|nama program|nama kegiatan)\b/],
];

/** The field a header names, or null (unknown, or a column to ignore such as "No"). */
export function fieldOfHeader(text: string): ImportField | null {
  const header = normaliseHeader(text);
  if (!header || header.length > 80) return null;
  for (const [field, pattern] of HEADER_RULES) {
    if (pattern.test(header)) return field === 'ignore' ? null : field;
  }
  return null;
}

/**
 * The unit a budget header announces: "Nilai (Rp juta)" → juta, "(Rp 000)" → ribu. The
 * importer applies it to cells that carry no unit of their own.
 */
export function budgetUnitOf(headerText: string): 'ribu' | 'juta' | 'miliar' | null {
  const header = normaliseHeader(headerText);
  if (/\b(juta|jt|jutaan)\b/.test(header)) return 'juta';
  if (/\b(miliar|milyar|m)\b/.test(header)) return 'miliar';
  if (/\b(ribu|rb|000|ribuan)\b/.test(header)) return 'ribu';
  return null;
}

/** Field → 0-based column, first column wins when two name the same field. */
export function guessColumns(
  headerCells: readonly (StoredCell | string)[],
): Partial<Record<ImportField, number>> {
  const columns: Partial<Record<ImportField, number>> = {};
  headerCells.forEach((cell, index) => {
    if (typeof cell !== 'string') return;
    const field = fieldOfHeader(cell);
    if (field && columns[field] === undefined) columns[field] = index;
  });
  return columns;
}

/**
 * The header of each column as a person reads it, parent first: a two-row header puts a
 * group name in a cell merged across several columns (ANGGARAN over RENCANA / REALISASI,
 * PERIODE over MULAI / SELESAI, LOKASI over KAB / KEC / DESA), and the column's own name
 * below it; single headers are merged down over both rows. Read alone, "RENCANA" names
 * nothing and "KAB" could be any column; read with its parent it is the planned budget.
 * The row above counts as a parent row only when it holds at least two cells: a title
 * row merged over the whole table names no column.
 */
export function headerParts(sheet: StoredSheet, row: number): string[][] {
  const cells = sheet.data.find((r) => r.r === row)?.c ?? [];
  const above = sheet.data.find((r) => r.r === row - 1)?.c ?? [];
  const parentRow = above.filter((cell) => cellText(cell) !== '').length >= 2;
  const width = Math.max(cells.length, parentRow ? above.length : 0);
  return Array.from({ length: width }, (_, index) => {
    const own = cellText(cells[index]);
    if (!parentRow) return own ? [own] : [];
    const column = index + 1;
    // Only a range merged across columns in the row above, ending there, is a parent.
    const range = sheet.merges.find(
      (m) => m.bottom === row - 1 && m.left <= column && column <= m.right && m.right > m.left,
    );
    const parent = range ? cellText(above[range.left - 1]) : '';
    return [parent, own].filter((text, i, list) => text !== '' && (i === 0 || text !== list[0]));
  });
}

/** The header texts of a row, parent and own name joined ("ANGGARAN (RP) RENCANA"), for matching. */
export function headerTexts(sheet: StoredSheet, row: number): string[] {
  return headerParts(sheet, row).map((parts) => parts.join(' '));
}

/** The guessed field of each column of a header row, reading both rows of a two-row header. */
export function guessColumnsOf(sheet: StoredSheet, row: number): Partial<Record<ImportField, number>> {
  return guessColumns(headerTexts(sheet, row));
}

/** Rows searched for the header: title rows rarely take more than a handful. */
const HEADER_SEARCH_ROWS = 30;

/**
 * The row that names the most different fields among the first rows, if it names at
 * least three (a title row names none or one; merged title rows keep their text in the
 * first cell only, see read-workbook.ts). The lower row of a two-row header, read with
 * its parents, names more than the upper one, so it is the header: data starts below it.
 */
export function guessHeaderRow(sheet: StoredSheet): number | null {
  let best: { row: number; score: number } | null = null;
  for (const { r } of sheet.data) {
    if (r > HEADER_SEARCH_ROWS) break;
    const score = Object.keys(guessColumnsOf(sheet, r)).length;
    if (score >= 3 && (!best || score > best.score)) best = { row: r, score };
  }
  return best?.row ?? null;
}

/** A year named in the rows above the header ("PROVINSI NTB TAHUN 2025"), offered as the default year. */
export function guessYear(sheet: StoredSheet, headerRow: number | null): number | null {
  for (const { r, c } of sheet.data) {
    if (headerRow !== null && r >= headerRow) break;
    if (headerRow === null && r > 5) break;
    for (const cell of c) {
      const match = typeof cell === 'string' ? /\b(?:tahun|ta|t\.a\.|year)\s+(20\d\d)\b/i.exec(cell) : null;
      if (match) return Number(match[1]);
    }
  }
  return null;
}
