import { describe, expect, it } from 'vitest';
import { csvField, problemsCsv } from './import-report.ts';

describe('import error report', () => {
  it('quotes fields with separators, quotes and line breaks, and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(12)).toBe('12');
  });

  it('has a header, one line per problem, a BOM for Excel and CRLF line ends', () => {
    const csv = problemsCsv(
      [
        {
          row: 3,
          column: 'kode_wilayah',
          message: 'unknown or retired area code 52.99',
          code: 'unknown_area',
        },
        {
          row: 0,
          column: '',
          message: '2 more problem(s) not listed; fix these first',
          code: 'too_many_problems',
        },
      ],
      { row: 'Baris', column: 'Kolom', problem: 'Masalah', detail: 'Rincian', code: 'Kode' },
      (p) => (p.code === 'unknown_area' ? 'Kode wilayah tidak dikenal' : 'Masih ada masalah lain'),
    );
    expect(csv).toBe(
      '\uFEFFBaris,Kolom,Masalah,Rincian,Kode\r\n' +
        '3,kode_wilayah,Kode wilayah tidak dikenal,unknown or retired area code 52.99,unknown_area\r\n' +
        ',,Masih ada masalah lain,2 more problem(s) not listed; fix these first,too_many_problems\r\n',
    );
  });
});
