/**
 * Runs the normalisers over the recap partners actually send (shared/samples) and
 * checks what a person reading the sheet would write down. The expected values were
 * read off the sheet by hand: 10 program rows under a title and a header in row 4,
 * a blank row, and a JUMLAH row whose sums are text, not formulas.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { levelOfCode, parentCode } from '../../../../shared/area-code.ts';
import { PROJECT_ROOT } from '../../../config.ts';
import { readProvinceSource } from '../../areas/load-areas.ts';
import { type AreaCandidate, type AreaResolution, resolveArea, splitPlaces } from './area-names.ts';
import { parsePeriod, type SheetCell } from './dates.ts';
import { parseRupiah } from './money.ts';
import { looksLikeTotalsRow } from './totals.ts';

const SAMPLE = path.resolve(PROJECT_ROOT, '../shared/samples/rekap-program-csr-2025.xlsx');

const NTB: AreaCandidate[] = readProvinceSource('52').map((row) => ({
  code: row.code,
  name: row.name,
  level: levelOfCode(row.code),
  parentCode: parentCode(row.code),
}));

/** What the cell shows: rich text joined, a formula's cached result, a hyperlink's text. */
function sheetCell(value: ExcelJS.CellValue): SheetCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return String(value);
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    return typeof result === 'string' || typeof result === 'number' || result instanceof Date ? result : null;
  }
  if ('hyperlink' in value) return value.text;
  return null;
}

function asText(cell: SheetCell): string {
  if (cell === null || cell === undefined) return '';
  return cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell);
}

interface SheetRow {
  row: number;
  cells: SheetCell[];
  /** By header text, e.g. "Nilai (Rp)". */
  byHeader: Map<string, SheetCell>;
}

/** A row read the way a person points at it: "row 9, Desa/Kelurahan". */
interface ReadRow {
  kabupaten: string | null;
  kecamatan: string | null;
  villages: string[];
  value: number | null;
  period: [string, string] | null;
}

function codeOf(result: AreaResolution): string | null {
  return result.status === 'resolved' ? result.area.code : null;
}

/** The normalisers chained as the importer will chain them: kabupaten, then kecamatan inside it, then villages inside that. */
function readRow(row: SheetRow): ReadRow {
  const text = (header: string) => asText(row.byHeader.get(header) ?? null).trim();
  const kabupaten = codeOf(resolveArea(text('Kabupaten/Kota'), NTB, { level: 'regency' }));
  const kecamatanName = text('Kecamatan');
  const kecamatan =
    kabupaten && kecamatanName
      ? codeOf(resolveArea(kecamatanName, NTB, { within: kabupaten, level: 'district' }))
      : null;
  const scope = kecamatan ?? kabupaten ?? undefined;
  const villages = splitPlaces(text('Desa/Kelurahan')).map(
    (place) =>
      codeOf(resolveArea(place, NTB, { level: 'village', ...(scope ? { within: scope } : {}) })) ?? place,
  );
  const money = parseRupiah(asText(row.byHeader.get('Nilai (Rp)') ?? null));
  const period = parsePeriod(row.byHeader.get('Waktu Pelaksanaan'));
  return {
    kabupaten,
    kecamatan,
    villages,
    value: money.status === 'ok' ? money.value : null,
    period: period.status === 'ok' ? [period.start, period.end] : null,
  };
}

const MARCH_TO_DECEMBER: [string, string] = ['2025-03-01', '2025-12-31'];
const WHOLE_2025: [string, string] = ['2025-01-01', '2025-12-31'];

/** Sheet row → what it says, read by hand from the workbook. */
const EXPECTED: Record<number, ReadRow> = {
  // Sumbawa Barat / Jereweh / Belo (Belo is also a kecamatan of Kab. Bima and a village in Palibelo)
  5: {
    kabupaten: '52.07',
    kecamatan: '52.07.01',
    villages: ['52.07.01.2002'],
    value: 450_000_000,
    period: MARCH_TO_DECEMBER,
  },
  // "Kab. Sumbawa Barat" / Maluk / "Bukit Damai, Maluk" (Maluk is the kecamatan and one of its villages)
  6: {
    kabupaten: '52.07',
    kecamatan: '52.07.08',
    villages: ['52.07.08.2003', '52.07.08.2001'],
    value: 380_000_000,
    period: MARCH_TO_DECEMBER,
  },
  // "LOTIM" / Keruak / "Ds. Pijot", "150 jt", a date cell (1 Apr 2025) as the period
  7: {
    kabupaten: '52.03',
    kecamatan: '52.03.01',
    villages: ['52.03.01.2002'],
    value: 150_000_000,
    period: ['2025-04-01', '2025-04-01'],
  },
  // Lombok Tengah / Pujut / Sukadana, "250000000", "01/06/2025 s/d 30/11/2025"
  8: {
    kabupaten: '52.02',
    kecamatan: '52.02.04',
    villages: ['52.02.04.2003'],
    value: 250_000_000,
    period: ['2025-06-01', '2025-11-30'],
  },
  // Lombok Timur / (no kecamatan) / Sukadana — the one in Terara, as Keterangan says; "Rp. 90.000.000,-"; Ramadhan 1446 H
  9: {
    kabupaten: '52.03',
    kecamatan: null,
    villages: ['52.03.03.2006'],
    value: 90_000_000,
    period: ['2025-03-01', '2025-03-30'],
  },
  // "Kab. Bima" / Sape / "Naru, Naru Barat, Bugis" (Naru is also in Woha; Bugis also in Sumbawa and Taliwang)
  10: {
    kabupaten: '52.06',
    kecamatan: '52.06.06',
    villages: ['52.06.06.2005', '52.06.06.2015', '52.06.06.2004'],
    value: 75_500_000,
    period: ['2025-07-01', '2025-08-31'],
  },
  // Lombok Utara / Bayan / Sukadana, "Rp 1,2 M", "2025"
  11: {
    kabupaten: '52.08',
    kecamatan: '52.08.04',
    villages: ['52.08.04.2004'],
    value: 1_200_000_000,
    period: WHOLE_2025,
  },
  // Kota Mataram / Ampenan / Taman Sari (a kelurahan; another Taman Sari is a desa in Gunungsari), "Jan - Des 2025"
  12: {
    kabupaten: '52.71',
    kecamatan: '52.71.01',
    villages: ['52.71.01.1008'],
    value: 60_000_000,
    period: WHOLE_2025,
  },
  // Lombok Tengah / Praya / no village: a program at kecamatan level, "Oktober 2025"
  13: {
    kabupaten: '52.02',
    kecamatan: '52.02.01',
    villages: [],
    value: 185_000_000,
    period: ['2025-10-01', '2025-10-31'],
  },
  // Sumbawa Barat / Sekongkang / "Tongo, Sekongkang Atas"
  14: {
    kabupaten: '52.07',
    kecamatan: '52.07.04',
    villages: ['52.07.04.2003', '52.07.04.2001'],
    value: 410_000_000,
    period: MARCH_TO_DECEMBER,
  },
};

describe.runIf(existsSync(SAMPLE))('the sample recap rekap-program-csr-2025.xlsx', () => {
  let rows: SheetRow[] = [];
  let headerRow = 0;

  beforeAll(async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(SAMPLE);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('the sample has no sheet');
    const all: Array<{ row: number; cells: SheetCell[] }> = [];
    sheet.eachRow({ includeEmpty: false }, (row, number) => {
      const cells: SheetCell[] = [];
      for (let column = 1; column <= sheet.columnCount; column += 1)
        cells.push(sheetCell(row.getCell(column).value));
      all.push({ row: number, cells });
    });
    // The header is the first row that names the columns we need; title rows above it are merged text.
    const header = all.find((r) => r.cells.map(asText).includes('Waktu Pelaksanaan'));
    if (!header) throw new Error('no header row');
    headerRow = header.row;
    const headers = header.cells.map(asText);
    rows = all
      .filter((r) => r.row > header.row && r.cells.some((cell) => asText(cell).trim() !== ''))
      .map((r) => ({ ...r, byHeader: new Map(headers.map((h, i) => [h, r.cells[i] ?? null])) }));
  });

  it('has its header in row 4, programs in rows 5–14 and a totals row in 16', () => {
    expect(headerRow).toBe(4);
    const totals = rows.filter((r) => looksLikeTotalsRow(r.cells.map(asText))).map((r) => r.row);
    expect(totals).toEqual([16]);
    const programs = rows.filter((r) => !looksLikeTotalsRow(r.cells.map(asText))).map((r) => r.row);
    expect(programs).toEqual(Object.keys(EXPECTED).map(Number));
  });

  it('reads every program row as a person would: areas, amount and period', () => {
    const programs = rows.filter((r) => !looksLikeTotalsRow(r.cells.map(asText)));
    const read = Object.fromEntries(programs.map((r) => [r.row, readRow(r)]));
    expect(read).toEqual(EXPECTED);
  });

  it('adds the amounts to Rp 3.250.500.000; the JUMLAH row holds formula text, not a number to check against', () => {
    const programs = rows.filter((r) => !looksLikeTotalsRow(r.cells.map(asText)));
    const total = programs.reduce((sum, r) => sum + (readRow(r).value ?? 0), 0);
    expect(total).toBe(3_250_500_000);
    const jumlah = rows.find((r) => r.row === 16);
    expect(jumlah?.byHeader.get('Nilai (Rp)')).toBe('=SUM(I5:I14)');
    expect(parseRupiah('=SUM(I5:I14)')).toMatchObject({ status: 'invalid', code: 'money_not_an_amount' });
  });

  it('marks the periods a person must confirm: a bare date and a Hijri month', () => {
    const byRow = new Map(rows.map((r) => [r.row, parsePeriod(r.byHeader.get('Waktu Pelaksanaan'))]));
    expect(byRow.get(7)).toMatchObject({
      approximate: false,
      note: expect.stringContaining('only the start'),
    });
    expect(byRow.get(9)).toMatchObject({ approximate: true, note: expect.stringContaining('Hijri') });
    const withNotes = [...byRow.entries()].filter(([, p]) => p.status === 'ok' && p.note).map(([row]) => row);
    expect(withNotes).toEqual([7, 9]);
  });

  it('needs the kabupaten to place Sukadana: three villages of that name in rows 8, 9 and 11', () => {
    for (const row of [8, 9, 11]) {
      const sheetRow = rows.find((r) => r.row === row);
      expect(asText(sheetRow?.byHeader.get('Desa/Kelurahan') ?? null)).toBe('Sukadana');
    }
    expect(resolveArea('Sukadana', NTB, { level: 'village' })).toMatchObject({
      status: 'ambiguous',
      candidates: [{ code: '52.02.04.2003' }, { code: '52.03.03.2006' }, { code: '52.08.04.2004' }],
    });
    // Row 9 gives no kecamatan; Keterangan says "desa Sukadana di kec. Terara", and that is where it resolves.
    const terara = resolveArea('Terara', NTB, { within: '52.03', level: 'district' });
    expect(terara).toMatchObject({ status: 'resolved', area: { code: '52.03.03' } });
    expect(EXPECTED[9]?.villages[0]?.startsWith('52.03.03.')).toBe(true);
  });

  it('reads the kabupaten column in all the ways it is written', () => {
    const written = rows
      .filter((r) => !looksLikeTotalsRow(r.cells.map(asText)))
      .map((r) => asText(r.byHeader.get('Kabupaten/Kota') ?? null));
    expect(new Set(written)).toEqual(
      new Set([
        'Sumbawa Barat',
        'Kab. Sumbawa Barat',
        'LOTIM',
        'Lombok Tengah',
        'Lombok Timur',
        'Kab. Bima',
        'Lombok Utara',
        'Kota Mataram',
      ]),
    );
    expect(resolveArea('LOTIM', NTB, { level: 'regency' })).toMatchObject({ match: 'abbreviation' });
  });
});
