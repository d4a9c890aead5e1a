import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRupiah } from '../../../../shared/format.ts';
import { parseRupiah, type RupiahResult } from './money.ts';

const amount = (value: number) => ({ status: 'ok', value });

describe('parseRupiah: amounts written the Indonesian way', () => {
  it.each([
    ['Rp 450.000.000', 450_000_000],
    ['Rp450.000.000', 450_000_000],
    ['Rp. 90.000.000,-', 90_000_000],
    ['Rp. 1.000.000.-', 1_000_000],
    ['Rp 450.000.000,00', 450_000_000],
    ['Rp\u00a01.234.567', 1_234_567],
    ['450.000.000 rupiah', 450_000_000],
    ['250000000', 250_000_000],
    ['Rp 75.500.000', 75_500_000],
    ['Rp 0', 0],
    ['Rp 0,-', 0],
    ['1.250', 1_250],
    ['12.500', 12_500],
  ])('%s → %i', (text, value) => {
    expect(parseRupiah(text)).toEqual(amount(value));
  });

  it.each([
    ['Rp 1,2 M', 1_200_000_000],
    ['2,5 M', 2_500_000_000],
    ['1 M', 1_000_000_000],
    ['Rp 1,2 Miliar', 1_200_000_000],
    ['1,75 milyar', 1_750_000_000],
    ['0,5 M', 500_000_000],
    ['150 jt', 150_000_000],
    ['150jt', 150_000_000],
    ['150 jt.', 150_000_000],
    ['150 juta', 150_000_000],
    ['Rp 1,25 juta', 1_250_000],
    ['Rp 750 rb', 750_000],
    ['750rb', 750_000],
    ['750 ribu', 750_000],
    ['50k', 50_000],
    ['Rp 2 T', 2_000_000_000_000],
    ['1,5 triliun', 1_500_000_000_000],
  ])('%s with a unit word → %i', (text, value) => {
    expect(parseRupiah(text)).toEqual(amount(value));
  });

  it('scales decimals exactly, never through floating point', () => {
    // 1,1 × 10^9 in binary floating point is 1100000000.0000002; here it is exact.
    expect(parseRupiah('1,1 M')).toEqual(amount(1_100_000_000));
    expect(parseRupiah('0,3 jt')).toEqual(amount(300_000));
    expect(parseRupiah('4,35 M')).toEqual(amount(4_350_000_000));
    expect(parseRupiah('Rp 1,999999999 M')).toEqual(amount(1_999_999_999));
  });
});

describe('parseRupiah: English style and other shapes', () => {
  it.each([
    ['IDR 1,000,000', 1_000_000, 'thousands separator'],
    ['IDR 1,250,000.50', 1_250_001, 'rounded'],
    ['1,250,000', 1_250_000, 'thousands separator'],
    ['Rp 1,250', 1_250, 'thousands separator'],
    ['1.5 jt', 1_500_000, 'decimal mark'],
    ['Rp 1.2 M', 1_200_000_000, 'decimal mark'],
    ['1 250 000', 1_250_000, undefined],
    ['IDR 1,5 juta', 1_500_000, undefined],
    ['IDR 2.5 million', 2_500_000, 'decimal mark'],
    ['IDR 1.250 jt', 1_250_000, undefined],
  ])('%s → %i', (text, value, note) => {
    const result = parseRupiah(text);
    expect(result).toMatchObject(amount(value));
    if (note) expect(result).toMatchObject({ note: expect.stringContaining(note) });
  });

  it('rounds fractions of a rupiah half up and says so', () => {
    expect(parseRupiah('1.250.000,50')).toEqual({
      status: 'ok',
      value: 1_250_001,
      note: '"1.250.000,50" has a fraction of a rupiah; rounded to 1.250.001',
    });
    expect(parseRupiah('1.250.000,49')).toMatchObject({ value: 1_250_000, note: expect.any(String) });
    expect(parseRupiah('Rp 1,2345 rb')).toMatchObject({ value: 1_235 });
  });

  it('keeps an estimate and notes it', () => {
    expect(parseRupiah('± Rp 100 jt')).toMatchObject({
      value: 100_000_000,
      note: expect.stringContaining('estimate'),
    });
    expect(parseRupiah('sekitar 50 juta')).toMatchObject({ value: 50_000_000 });
    expect(parseRupiah('kurang lebih Rp 2,5 M')).toMatchObject({ value: 2_500_000_000 });
  });
});

describe('parseRupiah: numbers from Excel cells', () => {
  it.each([
    [450_000_000, amount(450_000_000)],
    [0, amount(0)],
    [450_000_000.00000006, amount(450_000_000)],
  ])('%d → %o', (cell, expected) => {
    expect(parseRupiah(cell)).toEqual(expected);
  });

  it('rounds a visible fraction with a note and refuses what cannot be an amount', () => {
    expect(parseRupiah(1_250_000.5)).toMatchObject({
      status: 'ok',
      value: 1_250_001,
      note: expect.any(String),
    });
    expect(parseRupiah(-5)).toMatchObject({ status: 'invalid', code: 'money_negative' });
    expect(parseRupiah(Number.NaN)).toMatchObject({ status: 'invalid', code: 'money_not_an_amount' });
    expect(parseRupiah(1e20)).toMatchObject({ status: 'invalid', code: 'money_too_large' });
  });
});

describe('parseRupiah: empty, ambiguous and invalid cells', () => {
  it.each(['', '   ', '-', '--', '—', 'Rp -', 'Rp. -', 'Rp -,-', 'IDR -', null, undefined])(
    '%o is empty, not an error',
    (cell) => {
      expect(parseRupiah(cell)).toEqual({ status: 'empty' });
    },
  );

  it.each([
    ['1.250 jt', [1_250_000, 1_250_000_000]],
    ['1,250 M', [1_250_000_000, 1_250_000_000_000]],
    ['Rp 2.500 rb', [2_500, 2_500_000]],
  ])('%s is ambiguous: a thousands separator and a decimal mark both make sense', (text, readings) => {
    expect(parseRupiah(text)).toMatchObject({
      status: 'ambiguous',
      code: 'money_ambiguous_separator',
      readings,
    });
  });

  it('"M" after IDR is million in English and miliar in Indonesian', () => {
    expect(parseRupiah('IDR 1,2 M')).toMatchObject({
      status: 'ambiguous',
      code: 'money_ambiguous_unit',
      readings: [1_200_000, 1_200_000_000],
    });
  });

  it.each([
    ['-Rp 5.000', 'money_negative'],
    ['Rp -5.000', 'money_negative'],
    ['-150 jt', 'money_negative'],
    ['(5.000.000)', 'money_negative'],
    ['Rp (5.000.000)', 'money_negative'],
    ['abc', 'money_not_an_amount'],
    ['Rp 100-150 jt', 'money_not_an_amount'],
    ['Rp 450.000.000 (termasuk PPN)', 'money_not_an_amount'],
    ['5 kg', 'money_not_an_amount'],
    ['nihil', 'money_not_an_amount'],
    ['1.25.000', 'money_bad_grouping'],
    ['12.50.000', 'money_bad_grouping'],
    ['1,250.000,50', 'money_bad_grouping'],
    ['1 25 000', 'money_bad_grouping'],
    ['99999999999999999', 'money_too_large'],
    ['Rp 10.000.000 T', 'money_too_large'],
  ])('%s is refused (%s)', (text, code) => {
    const result = parseRupiah(text);
    expect(result).toMatchObject({ status: 'invalid', code });
    expect((result as { message: string }).message).toContain(text.trim());
  });
});

describe('parseRupiah: properties', () => {
  it('reads back any whole amount formatted by formatRupiah, in both locales', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (value) => {
        expect(parseRupiah(formatRupiah(value))).toMatchObject(amount(value));
        expect(parseRupiah(formatRupiah(value, 'en'))).toMatchObject(amount(value));
      }),
    );
  });

  it('scales "<whole>,<fraction> M" exactly as integer arithmetic does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), fc.stringMatching(/^\d{1,9}$/), (whole, fraction) => {
        const expected = BigInt(whole) * 10n ** 9n + BigInt(fraction.padEnd(9, '0'));
        const result = parseRupiah(`Rp ${whole},${fraction} M`);
        // Three fraction digits after a whole of up to three digits is the one ambiguous shape.
        if (fraction.length === 3 && whole >= 1 && whole <= 999) {
          expect(result.status).toBe('ambiguous');
        } else {
          expect(result).toEqual(amount(Number(expected)));
        }
      }),
    );
  });

  it('never throws, and every amount it returns is a whole, safe, non-negative number', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.stringMatching(/^(Rp\.? ?|IDR )?[-\d.,]{0,12} ?(jt|M|rb|juta)?$/)),
        (text) => {
          const result: RupiahResult = parseRupiah(text);
          if (result.status === 'ok') {
            expect(Number.isSafeInteger(result.value)).toBe(true);
            expect(result.value).toBeGreaterThanOrEqual(0);
          }
        },
      ),
    );
  });
});
