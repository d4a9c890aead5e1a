import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  bombSheet,
  deflatedPart,
  honestBomb,
  lyingBomb,
  manyEntries,
  plainXlsx,
  workbookParts,
  zipOf,
} from '../../../tests/fixtures/hostile-xlsx.ts';
import { SPREADSHEET_LIMITS, storedCopyWithinLimits, type ZipRefusalReason } from './bounded-zip.ts';

async function refusal(file: Buffer, limits = SPREADSHEET_LIMITS): Promise<ZipRefusalReason | 'accepted'> {
  try {
    await storedCopyWithinLimits(file, limits);
    return 'accepted';
  } catch (error) {
    return (error as { reason: ZipRefusalReason }).reason;
  }
}

describe('the bounded zip reader', () => {
  it('gives back a workbook ExcelJS reads with the same cells, every entry stored', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Mitra');
    sheet.addRow(['kode', 'nama_resmi']);
    sheet.addRow(['yayasan-uji', 'Yayasan Uji Sejahtera']);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const stored = await storedCopyWithinLimits(file);
    expect(stored.length).toBeGreaterThan(file.length);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(stored as unknown as ExcelJS.Buffer);
    expect(back.worksheets[0]?.getRow(2).values).toEqual([undefined, 'yayasan-uji', 'Yayasan Uji Sejahtera']);

    // The hand-built workbook of the hostile fixtures is a real one too.
    const plain = new ExcelJS.Workbook();
    await plain.xlsx.load((await storedCopyWithinLimits(plainXlsx([['kode'], ['a-b-c']]))) as never);
    expect(plain.worksheets[0]?.getRow(2).getCell(1).value).toBe('a-b-c');
  });

  it('refuses a 1 MB file whose sheet inflates to 1.1 GB, whether it states that size or lies about it', async () => {
    const honest = await honestBomb();
    const lying = await lyingBomb();
    expect(honest.length).toBeLessThan(2 * 1024 * 1024);
    expect(await refusal(honest)).toBe('compression_ratio');
    expect(await refusal(lying)).toBe('compression_ratio');
    // Without the ratio check, the byte budget alone stops it: per entry, then per file.
    const noRatio = { ...SPREADSHEET_LIMITS, maxRatio: Number.POSITIVE_INFINITY };
    expect(await refusal(lying, noRatio)).toBe('entry_too_large');
    const twoSheets = zipOf([
      ...workbookParts(await bombSheet(60)),
      { ...(await bombSheet(60)), name: 'xl/worksheets/sheet2.xml' },
    ]);
    expect(await refusal(twoSheets, noRatio)).toBe('total_too_large');
  });

  it('refuses too many entries, overlapping entries and duplicate names', async () => {
    expect(await refusal(manyEntries(3_000))).toBe('too_many_entries');
    const part = deflatedPart('xl/a.xml', '<a/>');
    expect(await refusal(zipOf([part, part]))).toBe('duplicate_entry');
    // Two central entries pointing at the same local bytes: one way to multiply a bomb.
    const single = zipOf([part]);
    const end = single.length - 22;
    const directory = single.subarray(single.readUInt32LE(end + 16), end);
    const second = Buffer.from(directory);
    second.write('xl/b.xml', 46);
    const record = Buffer.from(single.subarray(end));
    record.writeUInt16LE(2, 8);
    record.writeUInt16LE(2, 10);
    record.writeUInt32LE(directory.length * 2, 12);
    const overlapping = Buffer.concat([single.subarray(0, end), second, record]);
    expect(await refusal(overlapping)).toBe('overlapping_entries');
  });

  it('refuses an entry whose stated size or CRC differs from what it inflates to', async () => {
    const sheet = deflatedPart('xl/worksheets/sheet1.xml', '<worksheet/>');
    expect(await refusal(zipOf(workbookParts({ ...sheet, size: sheet.size + 1 })))).toBe('size_mismatch');
    expect(await refusal(zipOf(workbookParts({ ...sheet, crc: sheet.crc ^ 1 })))).toBe('crc_mismatch');
  });

  it('refuses what is not a zip, a cut-off one, encrypted entries and unknown methods', async () => {
    expect(await refusal(Buffer.from('kode;nama_resmi\n'))).toBe('not_a_zip');
    const file = plainXlsx([['kode']]);
    expect(await refusal(file.subarray(0, file.length - 30))).toBe('not_a_zip');
    expect(await refusal(Buffer.concat([file.subarray(0, 200), file.subarray(400)]))).not.toBe('accepted');
    const encrypted = Buffer.from(file);
    const directory = encrypted.readUInt32LE(encrypted.length - 22 + 16);
    encrypted.writeUInt16LE(1, directory + 8);
    expect(await refusal(encrypted)).toBe('encrypted');
    const bzip2 = Buffer.from(file);
    bzip2.writeUInt16LE(12, directory + 10);
    expect(await refusal(bzip2)).toBe('unsupported_method');
    const broken = deflatedPart('xl/worksheets/sheet1.xml', '<worksheet/>');
    expect(await refusal(zipOf(workbookParts({ ...broken, data: Buffer.from([0xff, 0xff, 0xff]) })))).toBe(
      'corrupt',
    );
  });
});
