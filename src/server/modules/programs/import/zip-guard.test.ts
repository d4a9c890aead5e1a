import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../config.ts';
import { checkZipSizes } from './zip-guard.ts';

const FIXTURE = readFileSync(path.join(PROJECT_ROOT, 'tests', 'fixtures', 'program-recap-small.xlsx'));

/** The fixture with the first entry's stated uncompressed size replaced. */
function claiming(bytes: number): Buffer {
  const file = Buffer.from(FIXTURE);
  const end = file.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  file.writeUInt32LE(bytes, file.readUInt32LE(end + 16) + 24);
  return file;
}

describe('the zip size check before ExcelJS', () => {
  it('passes a real workbook and counts what it unpacks to', () => {
    const check = checkZipSizes(FIXTURE);
    expect(check).toMatchObject({ ok: true });
    if (check.ok) expect(check.uncompressedBytes).toBeGreaterThan(FIXTURE.length);
  });

  it('refuses an archive that states more than the limit, and ZIP64 markers', () => {
    expect(checkZipSizes(claiming(200 * 1024 * 1024))).toEqual({ ok: false, reason: 'too_large' });
    expect(checkZipSizes(claiming(0xffffffff))).toEqual({ ok: false, reason: 'zip64' });
    expect(checkZipSizes(FIXTURE, { maxEntries: 2 })).toEqual({ ok: false, reason: 'too_many_entries' });
  });

  it('refuses what is not a zip, or a cut-off one', () => {
    expect(checkZipSizes(Buffer.from('Nama Program;Desa\n'))).toEqual({ ok: false, reason: 'not_a_zip' });
    expect(checkZipSizes(FIXTURE.subarray(0, FIXTURE.length - 30))).toMatchObject({ ok: false });
  });
});
