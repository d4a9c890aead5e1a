import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { excelSerialToIsoDate, hijriMonthSpan, parseDate, parsePeriod } from './dates.ts';

const day = (date: string) => ({ status: 'ok', date });
const period = (start: string, end: string) => ({ status: 'ok', start, end, approximate: false });

describe('parseDate', () => {
  it.each([
    ['01/06/2025', '2025-06-01'],
    ['1/6/2025', '2025-06-01'],
    ['1-6-2025', '2025-06-01'],
    ['01.06.2025', '2025-06-01'],
    ['2025-06-01', '2025-06-01'],
    ['2025/06/01', '2025-06-01'],
    ['2025-04-01T00:00:00.000Z', '2025-04-01'],
    ['17 Agustus 2025', '2025-08-17'],
    ['17 Agt 2025', '2025-08-17'],
    ['17 Agu 2025', '2025-08-17'],
    ['17-Agu-2025', '2025-08-17'],
    ['17 AGUSTUS 2025', '2025-08-17'],
    ['Senin, 17 Agustus 2025', '2025-08-17'],
    ['Jum’at, 1 Maret 2024', '2024-03-01'],
    ['tgl. 5 Nopember 2025', '2025-11-05'],
    ['1 Pebruari 2025', '2025-02-01'],
    ['17 Aug 2025', '2025-08-17'],
    ['August 17, 2025', '2025-08-17'],
    ['29/02/2024', '2024-02-29'],
    ['31 Desember 2025', '2025-12-31'],
  ])('%s → %s', (text, date) => {
    expect(parseDate(text)).toEqual(day(date));
  });

  it('reads two-digit years as this century, with a note', () => {
    expect(parseDate('01/06/25')).toEqual({
      status: 'ok',
      date: '2025-06-01',
      note: 'two-digit year "25" read as 2025',
    });
  });

  it('reads Date objects from ExcelJS by their UTC calendar date, whatever the machine zone', () => {
    // ExcelJS returns 1 April 2025 as midnight UTC; in UTC+8 (WITA) that is 08:00 local.
    expect(parseDate(new Date(Date.UTC(2025, 3, 1)))).toEqual(day('2025-04-01'));
    expect(parseDate(new Date(Date.UTC(2025, 3, 1, 23, 59)))).toEqual(day('2025-04-01'));
    expect(parseDate(new Date(Number.NaN))).toMatchObject({ status: 'invalid' });
  });

  it('reads Excel serial numbers, as numbers and as digits in text', () => {
    expect(parseDate(45_748)).toEqual(day('2025-04-01'));
    expect(parseDate(45_658.75)).toEqual(day('2025-01-01'));
    expect(parseDate('45748')).toEqual({
      status: 'ok',
      date: '2025-04-01',
      note: 'read "45748" as an Excel date number',
    });
  });

  it('refuses small numbers that are counts, not dates', () => {
    expect(parseDate(320)).toEqual({
      status: 'invalid',
      code: 'date_out_of_range',
      message: '320 is not a date between 1950 and 2100 (as an Excel date it would be 1900-11-15)',
    });
  });

  it.each([
    ['', 'empty'],
    ['-', 'empty'],
    [null, 'empty'],
    [undefined, 'empty'],
  ])('%o is empty', (cell, status) => {
    expect(parseDate(cell)).toEqual({ status });
  });

  it.each([
    ['31/02/2025', 'date_does_not_exist'],
    ['29/02/2025', 'date_does_not_exist'],
    ['32/01/2025', 'date_does_not_exist'],
    ['06/30/2025', 'date_does_not_exist'],
    ['30 Februari 2025', 'date_does_not_exist'],
    ['17 Agustus 1850', 'date_out_of_range'],
    ['Maret 2025', 'date_not_a_day'],
    ['Maret - Desember 2025', 'date_not_a_day'],
    ['besok', 'date_unreadable'],
    ['17 Agustos 2025', 'date_unreadable'],
  ])('%s is refused (%s)', (text, code) => {
    expect(parseDate(text)).toMatchObject({ status: 'invalid', code });
  });

  it('explains that dates are day first when a month would be over 12', () => {
    expect(parseDate('06/30/2025')).toMatchObject({
      message: '"06/30/2025": dates are read day/month/year, and there is no month 30',
    });
  });
});

describe('excelSerialToIsoDate', () => {
  it.each([
    [1, '1900-01-01'],
    [59, '1900-02-28'],
    [60, null], // Excel's 29 February 1900, which never existed
    [61, '1900-03-01'],
    [366, '1900-12-31'],
    [25_569, '1970-01-01'],
    [45_658, '2025-01-01'],
    [45_748, '2025-04-01'],
    [2_958_465, '9999-12-31'],
    [0, null],
    [-1, null],
    [2_958_466, null],
    [Number.NaN, null],
  ])('%d → %s', (serial, date) => {
    expect(excelSerialToIsoDate(serial)).toBe(date);
  });

  it('supports the 1904 date system of old Mac workbooks', () => {
    expect(excelSerialToIsoDate(0, '1904')).toBe('1904-01-01');
    expect(excelSerialToIsoDate(45_748 - 1_462, '1904')).toBe('2025-04-01');
  });

  it('agrees with day counting from 30 Dec 1899 for every date after February 1900', () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 2_958_465 }), (serial) => {
        const expected = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString().slice(0, 10);
        expect(excelSerialToIsoDate(serial)).toBe(expected);
      }),
    );
  });
});

describe('parsePeriod: ranges', () => {
  it.each([
    ['Maret - Desember 2025', '2025-03-01', '2025-12-31'],
    ['Maret – Desember 2025', '2025-03-01', '2025-12-31'],
    ['Maret s/d Desember 2025', '2025-03-01', '2025-12-31'],
    ['Maret s.d. Desember 2025', '2025-03-01', '2025-12-31'],
    ['Maret sd Desember 2025', '2025-03-01', '2025-12-31'],
    ['Maret sampai dengan Desember 2025', '2025-03-01', '2025-12-31'],
    ['Maret hingga Desember 2025', '2025-03-01', '2025-12-31'],
    ['Bulan Maret s/d Desember Tahun 2025', '2025-03-01', '2025-12-31'],
    ['Jan–Mar 2025', '2025-01-01', '2025-03-31'],
    ['Jan - Des 2025', '2025-01-01', '2025-12-31'],
    ['Juli-Agustus 2025', '2025-07-01', '2025-08-31'],
    ['Jan-Feb 2024', '2024-01-01', '2024-02-29'],
    ['March to December 2025', '2025-03-01', '2025-12-31'],
    ['Mar-Dec 2025', '2025-03-01', '2025-12-31'],
    ['Nov 2025 - Feb 2026', '2025-11-01', '2026-02-28'],
    ['Maret 2025 - Februari 2026', '2025-03-01', '2026-02-28'],
    ['Maret 2025 s/d Desember', '2025-03-01', '2025-12-31'],
    ['01/06/2025 s/d 30/11/2025', '2025-06-01', '2025-11-30'],
    ['01/06/2025 - 30/11/2025', '2025-06-01', '2025-11-30'],
    ['01-06-2025 - 30-11-2025', '2025-06-01', '2025-11-30'],
    ['2025-03-01 s.d. 2025-12-31', '2025-03-01', '2025-12-31'],
    ['1 - 30 Juni 2025', '2025-06-01', '2025-06-30'],
    ['1 Juni - 31 Juli 2025', '2025-06-01', '2025-07-31'],
    ['17 Agt 2025 s/d 17 Sep 2025', '2025-08-17', '2025-09-17'],
    ['2025 - 2026', '2025-01-01', '2026-12-31'],
    ['dari Januari sampai Juni 2025', '2025-01-01', '2025-06-30'],
  ])('%s → %s … %s', (text, start, end) => {
    expect(parsePeriod(text)).toEqual(period(start, end));
  });

  it.each([
    ['Desember - Maret 2025', 'period_end_before_start'],
    ['30/11/2025 s/d 01/06/2025', 'period_end_before_start'],
    ['2026 - 2025', 'period_end_before_start'],
    ['Maret - Desember', 'period_no_year'],
    ['Maret', 'period_no_year'],
    ['Maret 2025 - sekarang', 'period_unreadable'],
    ['sepanjang tahun', 'period_unreadable'],
    ['31/02/2025', 'date_does_not_exist'],
    ['31/02/2025 s/d 30/11/2025', 'period_unreadable'],
  ])('%s is refused (%s)', (text, code) => {
    expect(parsePeriod(text)).toMatchObject({ status: 'invalid', code });
  });
});

describe('parsePeriod: named periods', () => {
  it.each([
    ['2025', '2025-01-01', '2025-12-31'],
    ['Tahun 2025', '2025-01-01', '2025-12-31'],
    ['TA 2025', '2025-01-01', '2025-12-31'],
    ['TA. 2025', '2025-01-01', '2025-12-31'],
    ['Oktober 2025', '2025-10-01', '2025-10-31'],
    ['Februari 2024', '2024-02-01', '2024-02-29'],
    ['10/2025', '2025-10-01', '2025-10-31'],
    ['Triwulan I 2025', '2025-01-01', '2025-03-31'],
    ['Triwulan III 2025', '2025-07-01', '2025-09-30'],
    ['Triwulan ke-2 Tahun 2025', '2025-04-01', '2025-06-30'],
    ['TW 3 2025', '2025-07-01', '2025-09-30'],
    ['TW.IV 2025', '2025-10-01', '2025-12-31'],
    ['Q2 2025', '2025-04-01', '2025-06-30'],
    ['Kuartal 4 2025', '2025-10-01', '2025-12-31'],
    ['Semester 1 2025', '2025-01-01', '2025-06-30'],
    ['Semester II 2025', '2025-07-01', '2025-12-31'],
    ['Smt 2 2025', '2025-07-01', '2025-12-31'],
    ['H1 2025', '2025-01-01', '2025-06-30'],
    ['Caturwulan II 2025', '2025-05-01', '2025-08-31'],
  ])('%s → %s … %s', (text, start, end) => {
    expect(parsePeriod(text)).toEqual(period(start, end));
  });

  it.each([['Triwulan V 2025'], ['Semester 3 2025'], ['TW 3']])('%s is refused', (text) => {
    expect(parsePeriod(text)).toMatchObject({ status: 'invalid' });
  });

  it('reads a year from a number cell, and a single date as a one-day period with a note', () => {
    expect(parsePeriod(2025)).toEqual(period('2025-01-01', '2025-12-31'));
    const oneDay = {
      status: 'ok',
      start: '2025-04-01',
      end: '2025-04-01',
      approximate: false,
      note: 'one date only: read as a one-day period, but it may be only the start',
    };
    expect(parsePeriod(new Date(Date.UTC(2025, 3, 1)))).toEqual(oneDay);
    expect(parsePeriod(45_748)).toEqual(oneDay);
    expect(parsePeriod('01/04/2025')).toEqual(oneDay);
  });

  it.each(['', ' ', '-', null, undefined])('%o is empty', (cell) => {
    expect(parsePeriod(cell)).toEqual({ status: 'empty' });
  });
});

describe('parsePeriod: Hijri months (arithmetic calendar, approximate)', () => {
  const hijri = (start: string, end: string) => ({
    status: 'ok',
    start,
    end,
    approximate: true,
    note: expect.stringContaining('arithmetic Islamic calendar'),
  });

  it.each([
    ['Ramadhan 1446 H', '2025-03-01', '2025-03-30'],
    ['Ramadan 1446', '2025-03-01', '2025-03-30'],
    ['RAMADHAN 1446 H', '2025-03-01', '2025-03-30'],
    ['Bulan Ramadhan 1446 Hijriah', '2025-03-01', '2025-03-30'],
    ['Syawal 1446 H', '2025-03-31', '2025-04-28'],
    ['Dzulhijjah 1446 H', '2025-05-29', '2025-06-26'],
    ['Zulhijah 1446 H', '2025-05-29', '2025-06-26'],
    ['Sya’ban 1446 H', '2025-01-31', '2025-02-28'],
    ['Muharram 1447 H', '2025-06-27', '2025-07-26'],
    ['Ramadhan 1445 H', '2024-03-11', '2024-04-09'],
    ['Ramadhan 1447 H', '2026-02-18', '2026-03-19'],
    ['Ramadhan 1452 H', '2030-12-26', '2031-01-24'],
    ['Ramadhan 2025', '2025-03-01', '2025-03-30'],
    ['Ramadhan - Syawal 1446 H', '2025-03-01', '2025-04-28'],
  ])('%s → %s … %s', (text, start, end) => {
    expect(parsePeriod(text)).toEqual(hijri(start, end));
  });

  it('is ambiguous for a Gregorian year with two Ramadans (2030)', () => {
    expect(parsePeriod('Ramadhan 2030')).toMatchObject({
      status: 'ambiguous',
      code: 'period_ambiguous',
      readings: [
        { start: '2030-01-06', end: '2030-02-04' },
        { start: '2030-12-26', end: '2031-01-24' },
      ],
    });
  });

  it('is within a day of the dates the Indonesian government announced for 1445–1446 H', () => {
    // 1 Ramadhan, 1 Syawal (Idul Fitri) and 10 Dzulhijjah (Idul Adha) as set by the sidang isbat.
    const announced: Array<[number, number, number, string]> = [
      [1445, 9, 1, '2024-03-12'],
      [1445, 10, 1, '2024-04-10'],
      [1445, 12, 10, '2024-06-17'],
      [1446, 9, 1, '2025-03-01'],
      [1446, 10, 1, '2025-03-31'],
      [1446, 12, 10, '2025-06-06'],
    ];
    for (const [year, month, dayOfMonth, date] of announced) {
      const start = hijriMonthSpan(year, month).start;
      const computed = Date.UTC(start.year, start.month - 1, start.day + dayOfMonth - 1);
      const differenceDays = Math.abs(computed - Date.parse(date)) / 86_400_000;
      expect(differenceDays, `${dayOfMonth}/${month}/${year} H`).toBeLessThanOrEqual(1);
    }
  });

  it('matches the ICU "islamic-civil" calendar for every month of 1400–1500 H', () => {
    const civil = new Intl.DateTimeFormat('en-u-ca-islamic-civil', {
      timeZone: 'UTC',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    });
    const hijriOf = (year: number, month: number, dayOfMonth: number) => {
      const parts = civil.formatToParts(new Date(Date.UTC(year, month - 1, dayOfMonth)));
      const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
      return { year: part('year'), month: part('month'), day: part('day') };
    };
    fc.assert(
      fc.property(fc.integer({ min: 1400, max: 1500 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const { start, end } = hijriMonthSpan(year, month);
        expect(hijriOf(start.year, start.month, start.day)).toEqual({ year, month, day: 1 });
        const last = hijriOf(end.year, end.month, end.day);
        expect([last.year, last.month]).toEqual([year, month]);
        expect(hijriOf(end.year, end.month, end.day + 1).day).toBe(1);
      }),
    );
  });
});

describe('parseDate and parsePeriod: properties', () => {
  const monthNames = [
    'Januari',
    'Februari',
    'Maret',
    'April',
    'Mei',
    'Juni',
    'Juli',
    'Agustus',
    'September',
    'Oktober',
    'November',
    'Desember',
  ];
  const dates = fc
    .date({ min: new Date(Date.UTC(1950, 0, 1)), max: new Date(Date.UTC(2100, 11, 31)), noInvalidDate: true })
    .map((d) => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }));
  const pad = (n: number) => String(n).padStart(2, '0');
  const iso = (d: { year: number; month: number; day: number }) => `${d.year}-${pad(d.month)}-${pad(d.day)}`;

  it('reads back any date written dd/mm/yyyy, d-m-yyyy, yyyy-mm-dd or "d Bulan yyyy"', () => {
    fc.assert(
      fc.property(dates, (d) => {
        for (const text of [
          `${pad(d.day)}/${pad(d.month)}/${d.year}`,
          `${d.day}-${d.month}-${d.year}`,
          iso(d),
          `${d.day} ${monthNames[d.month - 1]} ${d.year}`,
        ]) {
          expect(parseDate(text)).toEqual(day(iso(d)));
        }
      }),
    );
  });

  it('reads back any range of two dates written with s/d, and refuses it reversed', () => {
    fc.assert(
      fc.property(dates, dates, (a, b) => {
        const [first, second] = iso(a) <= iso(b) ? [a, b] : [b, a];
        const text = (x: typeof a, y: typeof a) =>
          `${pad(x.day)}/${pad(x.month)}/${x.year} s/d ${pad(y.day)}/${pad(y.month)}/${y.year}`;
        const result = parsePeriod(text(first, second));
        expect(result).toMatchObject({ status: 'ok', start: iso(first), end: iso(second) });
        if (iso(first) !== iso(second)) {
          expect(parsePeriod(text(second, first))).toMatchObject({ code: 'period_end_before_start' });
        }
      }),
    );
  });

  it('reads "<Bulan> - <Bulan> <yyyy>" as the first day of one month to the last of the other', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1950, max: 2100 }),
        (from, to, year) => {
          const result = parsePeriod(`${monthNames[from - 1]} - ${monthNames[to - 1]} ${year}`);
          if (from > to) {
            expect(result).toMatchObject({ code: 'period_end_before_start' });
            return;
          }
          const lastDay = new Date(Date.UTC(year, to, 0)).getUTCDate();
          expect(result).toEqual(period(`${year}-${pad(from)}-01`, `${year}-${pad(to)}-${pad(lastDay)}`));
        },
      ),
    );
  });

  it('never throws on any text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(parsePeriod(text).status).toMatch(/^(ok|empty|ambiguous|invalid)$/);
        expect(parseDate(text).status).toMatch(/^(ok|empty|invalid)$/);
      }),
    );
  });
});
