import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../../i18n/en.json';
import id from '../../i18n/id.json';
import { csvField, describeProblem, problemsCsv } from './import-report.ts';

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
          params: { value: '52.99' },
        },
        {
          row: 0,
          column: '',
          message: '2 more problem(s) not listed; fix these first',
          code: 'too_many_problems',
          params: { count: 2 },
        },
      ],
      { row: 'Baris', column: 'Kolom', problem: 'Masalah', detail: 'Rincian', code: 'Kode' },
      (p) => (p.code === 'unknown_area' ? 'Kode wilayah tidak dikenal' : 'Masih ada masalah lain'),
    );
    expect(csv).toBe(
      '\uFEFFBaris,Kolom,Masalah,Rincian,Kode\r\n' +
        '3,kode_wilayah,Kode wilayah tidak dikenal,52.99,unknown_area\r\n' +
        ',,Masih ada masalah lain,2,too_many_problems\r\n',
    );
  });

  it('says a problem in the language of the reader only, naming its value, never the English message', async () => {
    const instance = i18next.createInstance();
    await instance.init({
      resources: { id: { translation: id }, en: { translation: en } },
      lng: 'id',
      interpolation: { escapeValue: false },
      initAsync: false,
    });
    const problem = {
      row: 3,
      column: 'kode_wilayah',
      message: 'unknown or retired area code 52.99',
      code: 'unknown_area',
      params: { value: '52.99' },
    };
    const inIndonesian = describeProblem(instance.getFixedT('id') as TFunction, problem);
    expect(inIndonesian).toBe('Kode wilayah “52.99” tidak dikenal atau sudah tidak berlaku.');
    expect(describeProblem(instance.getFixedT('en') as TFunction, problem)).toBe(
      'The area code “52.99” is unknown or retired.',
    );
    // A code the client does not know still reads in the reader's language.
    expect(describeProblem(instance.getFixedT('id') as TFunction, { code: 'something_new' })).toBe(
      'Tidak valid',
    );
  });
});
