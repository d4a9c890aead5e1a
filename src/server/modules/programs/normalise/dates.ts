/**
 * Reads the dates and periods partners write in program recaps: "01/06/2025",
 * "17 Agt 2025", Excel date cells and serial numbers, "Maret - Desember 2025",
 * "TW 3 2025", "Ramadhan 1446 H". Dates are calendar dates ("YYYY-MM-DD"), never
 * instants, so no time zone can move them by a day.
 */

/** A calendar date, "YYYY-MM-DD". */
export type IsoDate = string;

/** What a spreadsheet cell can hold once ExcelJS has read it (rich text flattened by the caller). */
export type SheetCell = string | number | Date | null | undefined;

export type DateProblemCode =
  | 'date_unreadable'
  | 'date_not_a_day'
  | 'date_does_not_exist'
  | 'date_out_of_range'
  | 'period_unreadable'
  | 'period_no_year'
  | 'period_end_before_start'
  | 'period_ambiguous';

export type DateResult =
  | { status: 'ok'; date: IsoDate; note?: string }
  | { status: 'empty' }
  | { status: 'invalid'; code: DateProblemCode; message: string };

/** A period runs from the first day of `start` to the last day of `end`, both included. */
export interface Period {
  start: IsoDate;
  end: IsoDate;
}

/**
 * `approximate` is true when the dates are a calculation rather than what was
 * written (Hijri months); `note` says why, in words the user can check.
 */
export type PeriodResult =
  | { status: 'ok'; start: IsoDate; end: IsoDate; approximate: boolean; note?: string }
  | { status: 'empty' }
  | { status: 'ambiguous'; code: DateProblemCode; message: string; readings: Period[] }
  | { status: 'invalid'; code: DateProblemCode; message: string };

/** Years a typed date may have; outside them it is a typo, not a program. */
const TEXT_YEARS = { min: 1900, max: 2100 };
/**
 * Years a bare Excel serial may stand for. Narrower, because a count that landed in a
 * date column (320 KK) would otherwise quietly become 15 Nov 1900.
 */
const SERIAL_YEARS = { min: 1950, max: 2100 };
/** Hijri years we convert: 1400 H began in 1979, 1500 H begins in 2076. */
const HIJRI_YEARS = { min: 1400, max: 1500 };

const DAY_MS = 86_400_000;

/** Indonesian and English month names and the abbreviations seen in recaps. */
const MONTHS: ReadonlyMap<string, number> = new Map(
  (
    [
      [1, ['januari', 'january', 'jan']],
      [2, ['februari', 'pebruari', 'february', 'feb', 'peb']],
      [3, ['maret', 'march', 'mar']],
      [4, ['april', 'apr']],
      [5, ['mei', 'may']],
      [6, ['juni', 'june', 'jun']],
      [7, ['juli', 'july', 'jul']],
      [8, ['agustus', 'august', 'agu', 'agt', 'ags', 'agst', 'agus', 'aug']],
      [9, ['september', 'sep', 'sept']],
      [10, ['oktober', 'october', 'okt', 'oct']],
      [11, ['november', 'nopember', 'nov', 'nop']],
      [12, ['desember', 'december', 'des', 'dec']],
    ] as const
  ).flatMap(([month, names]) => names.map((name) => [name, month] as const)),
);

/**
 * Hijri month names in their common Indonesian and English spellings, keyed with
 * apostrophes, hyphens and spaces removed ("Sya'ban" → "syaban").
 */
const HIJRI_MONTHS: ReadonlyMap<string, number> = new Map(
  (
    [
      [1, ['muharram', 'muharam']],
      [2, ['safar', 'shafar', 'sapar']],
      [3, ['rabiulawal', 'rabiulawwal', 'rabialawwal']],
      [4, ['rabiulakhir', 'rabiultsani', 'rabiussani', 'rabialthani', 'rabialakhir']],
      [5, ['jumadilawal', 'jumadilula', 'jumadaalula', 'jumadalula']],
      [6, ['jumadilakhir', 'jumadiltsani', 'jumadaalakhirah', 'jumadalakhirah']],
      [7, ['rajab']],
      [8, ['syaban', 'syakban', 'shaban', 'saban']],
      [9, ['ramadhan', 'ramadan', 'ramadlan', 'romadhon']],
      [10, ['syawal', 'syawwal', 'shawwal', 'sawal']],
      [11, ['dzulqadah', 'dzulqaidah', 'dzulkaidah', 'zulkaidah', 'zulqaidah', 'dhulqadah', 'dhulqidah']],
      [12, ['dzulhijjah', 'dzulhijah', 'zulhijjah', 'zulhijah', 'dhulhijjah']],
    ] as const
  ).flatMap(([month, names]) => names.map((name) => [name, month] as const)),
);

const HIJRI_NOTE =
  'converted with the arithmetic Islamic calendar; the dates set by the sidang isbat can differ by a day or two';

interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** One reading of one side of a period: a whole span, or a part that borrows its year from the other side. */
type Endpoint =
  | {
      kind: 'span';
      start: CivilDate;
      end: CivilDate;
      approximate: boolean;
      note?: string;
      hijriYear?: number;
    }
  | { kind: 'partial'; month?: number; day?: number }
  | { kind: 'hijri-partial'; hijriMonth: number };
type Span = Extract<Endpoint, { kind: 'span' }>;
type PartialEndpoint = Extract<Endpoint, { kind: 'partial' }>;

/**
 * Converts an Excel serial day number to a date. `1900` is Excel's default system,
 * in which serial 1 is 1 Jan 1900 and 60 is the 29 Feb 1900 that Excel invents
 * (kept from Lotus 1-2-3); that serial has no real date and returns null. The time
 * of day (the fraction) is dropped. `1904` is the old Mac system (serial 0 = 1 Jan 1904).
 */
export function excelSerialToIsoDate(serial: number, system: '1900' | '1904' = '1900'): IsoDate | null {
  if (!Number.isFinite(serial)) return null;
  const day = Math.floor(serial);
  if (system === '1904') {
    return day < 0 || day > 2_957_003 ? null : isoFromUtc(Date.UTC(1904, 0, 1) + day * DAY_MS);
  }
  if (day < 1 || day === 60 || day > 2_958_465) return null;
  // Before the invented 29 February the count is right; after it, one day too many.
  const daysAfter31Dec1899 = day < 60 ? day : day - 1;
  return isoFromUtc(Date.UTC(1899, 11, 31) + daysAfter31Dec1899 * DAY_MS);
}

/**
 * Reads one date: a Date from ExcelJS, an Excel serial number, or text —
 * dd/mm/yyyy (also with "-" or "."), yyyy-mm-dd, "17 Agustus 2025", "17 Agt 2025",
 * "Senin, 17 Agustus 2025", "August 17, 2025". Day comes before month, the
 * Indonesian way; "06/30/2025" is refused rather than read the American way.
 */
export function parseDate(cell: SheetCell): DateResult {
  if (cell instanceof Date) return fromJsDate(cell);
  if (typeof cell === 'number') return fromSerial(cell, String(cell));
  if (cell === null || cell === undefined) return { status: 'empty' };
  const original = tidy(cell);
  if (original === '' || /^-+$/.test(original)) return { status: 'empty' };
  const text = normalise(original);
  if (/^\d{5}$/.test(text)) {
    const result = fromSerial(Number(text), original);
    return result.status === 'ok'
      ? { ...result, note: `read "${original}" as an Excel date number` }
      : result;
  }
  const date = readFullDate(text);
  if (date === 'does-not-exist') {
    return invalid('date_does_not_exist', `"${original}" is not a date that exists`);
  }
  if (date === 'month-first') {
    return invalid(
      'date_does_not_exist',
      `"${original}": dates are read day/month/year, and there is no month ${monthFirstHint(text)}`,
    );
  }
  if (date) {
    if (date.year < TEXT_YEARS.min || date.year > TEXT_YEARS.max) {
      return invalid('date_out_of_range', `"${original}" is outside ${TEXT_YEARS.min}–${TEXT_YEARS.max}`);
    }
    return date.note ? { status: 'ok', date: iso(date), note: date.note } : { status: 'ok', date: iso(date) };
  }
  const asPeriod = parsePeriod(original);
  if (asPeriod.status === 'ok' || asPeriod.status === 'ambiguous') {
    return invalid('date_not_a_day', `"${original}" is a period, not a single date`);
  }
  return invalid('date_unreadable', `"${original}" is not a date`);
}

/**
 * Reads a period ("Waktu Pelaksanaan"): a range with "-", "–", "s/d", "s.d.",
 * "sampai (dengan)", "hingga" or "to" between two dates or months ("Maret - Desember
 * 2025", "01/06/2025 s/d 30/11/2025", "Jan–Mar 2025", "1 - 30 Juni 2025"); a year
 * ("2025", "TA 2025"); a month ("Oktober 2025"); a quarter ("Triwulan III 2025",
 * "TW 3 2025", "Q3 2025"); a half year ("Semester 1 2025"); a caturwulan; a Hijri
 * month ("Ramadhan 1446 H", approximate); or a single date, read as a one-day period
 * with a note because it may be only the start.
 */
export function parsePeriod(cell: SheetCell): PeriodResult {
  if (cell instanceof Date) {
    const date = fromJsDate(cell);
    return date.status === 'ok' ? singleDay(date.date) : date;
  }
  if (typeof cell === 'number') {
    // A number in a period column is a year ("2025") far more often than a serial.
    if (Number.isInteger(cell) && cell >= TEXT_YEARS.min && cell <= TEXT_YEARS.max) {
      return ok({ kind: 'span', ...wholeYear(cell), approximate: false });
    }
    const date = fromSerial(cell, String(cell));
    return date.status === 'ok' ? singleDay(date.date) : date;
  }
  if (cell === null || cell === undefined) return { status: 'empty' };
  const original = tidy(cell);
  if (original === '' || /^-+$/.test(original)) return { status: 'empty' };
  const text = normalise(original);

  const date = readFullDate(text);
  if (date === 'does-not-exist' || date === 'month-first') {
    return invalid(
      'date_does_not_exist',
      `"${original}" is not a date that exists (dates are day/month/year)`,
    );
  }
  const whole = readEndpoint(text);
  const spans = whole.filter((r) => r.kind === 'span');
  if (spans.length === 1 && spans[0]) return ok(spans[0]);
  if (spans.length > 1) return ambiguous(original, spans.map(toPeriod));
  if (whole.length > 0) {
    return invalid('period_no_year', `"${original}" has no year`);
  }

  // Try every separator as the split point; "01-06-2025 - 30-11-2025" has five
  // hyphens and only one split gives two dates.
  const readings = new Map<string, Span>();
  let endBeforeStart = false;
  let noYear = false;
  for (const separator of text.matchAll(RANGE_SEPARATOR)) {
    const left = text.slice(0, separator.index).trim();
    const right = text.slice(separator.index + separator[0].length).trim();
    if (!left || !right) continue;
    for (const from of readEndpoint(left)) {
      for (const to of readEndpoint(right)) {
        const range = joinRange(from, to);
        if (range === 'no-year') noYear = true;
        else if (range === 'end-before-start') endBeforeStart = true;
        else readings.set(`${iso(range.start)}/${iso(range.end)}`, range);
      }
    }
  }
  const found = [...readings.values()];
  if (found.length === 1 && found[0]) return ok(found[0]);
  if (found.length > 1) return ambiguous(original, found.map(toPeriod));
  if (endBeforeStart) {
    return invalid('period_end_before_start', `"${original}" ends before it starts`);
  }
  if (noYear) return invalid('period_no_year', `"${original}" has no year`);
  return invalid('period_unreadable', `"${original}" is not a period`);
}

/** Between the two ends of a range. Word separators need word boundaries: "sd" but not "sdn". */
const RANGE_SEPARATOR =
  /\s*(?:\bs\s*\/\s*d\b\.?|\bs\.\s*d\b\.?|\bsd\b\.?|\bsampai\s+dengan\b|\bsampai\b|\bhingga\b|\bto\b|\buntil\b|\bthrough\b|~|-)\s*/g;

function joinRange(from: Endpoint, to: Endpoint): Span | 'no-year' | 'end-before-start' {
  // The side without a year borrows it (and the month, if it has only a day) from the
  // other side: "Maret - Desember 2025", "1 - 30 Juni 2025", "Maret 2025 s/d Desember".
  let start: Span | null;
  let end: Span | null;
  if (from.kind === 'span' && to.kind === 'span') {
    start = from;
    end = to;
  } else if (from.kind === 'partial' && to.kind === 'span') {
    start = completeFrom(from, to.start);
    end = to;
  } else if (from.kind === 'span' && to.kind === 'partial') {
    start = from;
    end = completeFrom(to, from.end);
  } else if (from.kind === 'hijri-partial' && to.kind === 'span' && to.hijriYear !== undefined) {
    // "Ramadhan - Syawal 1446 H": the first month takes the Hijri year of the second.
    start = { ...to, ...hijriMonthSpan(to.hijriYear, from.hijriMonth) };
    end = to;
  } else {
    return 'no-year';
  }
  if (!start || !end) return 'no-year';
  if (iso(end.end) < iso(start.start)) return 'end-before-start';
  const approximate = start.approximate || end.approximate;
  const note = start.note ?? end.note;
  return { kind: 'span', start: start.start, end: end.end, approximate, ...(note ? { note } : {}) };
}

function completeFrom(part: PartialEndpoint, other: CivilDate): Span | null {
  const month = part.month ?? other.month;
  if (part.day === undefined) return { kind: 'span', ...wholeMonth(other.year, month), approximate: false };
  const date = { year: other.year, month, day: part.day };
  return exists(date) ? { kind: 'span', start: date, end: date, approximate: false } : null;
}

/** Every reading of one side of a period. Empty when the text is not a date, month, year or named period. */
function readEndpoint(text: string): Endpoint[] {
  const date = readFullDate(text);
  if (date && typeof date === 'object') {
    return inYears(date.year) ? [{ kind: 'span', start: date, end: date, approximate: false }] : [];
  }

  let match = /^(\d{4})$/.exec(text);
  if (match) {
    const year = Number(match[1]);
    return inYears(year) ? [{ kind: 'span', ...wholeYear(year), approximate: false }] : [];
  }

  match = /^([a-z]+)\.?[\s\-/']*(\d{4})$/.exec(text) ?? /^(\d{1,2})[/\-.](\d{4})$/.exec(text);
  if (match) {
    const month = monthNumber(match[1] ?? '');
    const year = Number(match[2]);
    if (month && inYears(year)) return [{ kind: 'span', ...wholeMonth(year, month), approximate: false }];
  }

  match =
    /^(?:triwulan|tw|kuartal|kwartal|quarter|q)[\s.-]*(?:ke[\s-]*)?([1-4]|iv|i{1,3})[\s,/]+(\d{4})$/.exec(
      text,
    );
  if (match) return partOfYear(match, 3);
  match = /^(?:caturwulan|catur wulan|cawu)[\s.-]*(?:ke[\s-]*)?([1-3]|i{1,3})[\s,/]+(\d{4})$/.exec(text);
  if (match) return partOfYear(match, 4);
  match = /^(?:semester|smt|sem|h)[\s.-]*(?:ke[\s-]*)?([12]|i{1,2})[\s,/]+(\d{4})$/.exec(text);
  if (match) return partOfYear(match, 6);

  match = /^([a-z][a-z'\s-]*?)\s*(\d{4})\s*(?:h|hijriah|hijriyah|hijriyyah|ah)?\.?$/.exec(text);
  const hijriMonth = match ? HIJRI_MONTHS.get((match[1] ?? '').replace(/[^a-z]/g, '')) : undefined;
  if (match && hijriMonth) return hijriReadings(hijriMonth, Number(match[2]));

  const hijriAlone = HIJRI_MONTHS.get(text.replace(/[^a-z]/g, ''));
  if (hijriAlone && /^[a-z'\s-]+$/.test(text)) return [{ kind: 'hijri-partial', hijriMonth: hijriAlone }];
  match = /^([a-z]+)\.?$/.exec(text);
  if (match) {
    const month = monthNumber(match[1] ?? '');
    return month ? [{ kind: 'partial', month }] : [];
  }

  match = /^(\d{1,2})[\s\-./]*([a-z]+)\.?$/.exec(text) ?? /^(\d{1,2})[/.-](\d{1,2})$/.exec(text);
  if (match) {
    const day = Number(match[1]);
    const month = monthNumber(match[2] ?? '');
    return month && day >= 1 && day <= 31 ? [{ kind: 'partial', month, day }] : [];
  }
  match = /^(\d{1,2})$/.exec(text);
  if (match) {
    const day = Number(match[1]);
    return day >= 1 && day <= 31 ? [{ kind: 'partial', day }] : [];
  }
  return [];
}

type FullDate = CivilDate & { note?: string };

/** A complete day/month/year, or why the text looks like a date but is not one. */
function readFullDate(text: string): FullDate | 'does-not-exist' | 'month-first' | null {
  let match = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[t\s]\d{1,2}:\d{2}.*)?$/.exec(text);
  if (match) return checked(Number(match[1]), Number(match[3]), Number(match[4]));

  match = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})$/.exec(text);
  if (match) {
    const day = Number(match[1]);
    const month = Number(match[3]);
    const { year, note } = fullYear(match[4] ?? '');
    if (month > 12 && day <= 12) return 'month-first';
    const date = checked(year, month, day);
    return note && typeof date === 'object' ? { ...date, note } : date;
  }

  match = /^(\d{1,2})[\s\-./]*([a-z]+)\.?[\s\-./,]*(\d{4})$/.exec(text);
  if (match) {
    const month = MONTHS.get(match[2] ?? '');
    return month ? checked(Number(match[3]), month, Number(match[1])) : null;
  }

  match = /^([a-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(text);
  if (match) {
    const month = MONTHS.get(match[1] ?? '');
    return month ? checked(Number(match[3]), month, Number(match[2])) : null;
  }
  return null;
}

function checked(year: number, month: number, day: number): CivilDate | 'does-not-exist' {
  const date = { year, month, day };
  return exists(date) ? date : 'does-not-exist';
}

/** "25" → 2025 with a note; recaps are about this century. */
function fullYear(text: string): { year: number; note?: string } {
  if (text.length === 4) return { year: Number(text) };
  const year = 2000 + Number(text);
  return { year, note: `two-digit year "${text}" read as ${year}` };
}

function monthFirstHint(text: string): string {
  return text.split(/[-/.]/)[1] ?? '';
}

function partOfYear(match: RegExpExecArray, monthsLong: number): Endpoint[] {
  const part = numeral(match[1] ?? '');
  const year = Number(match[2]);
  if (!part || !inYears(year) || part * monthsLong > 12) return [];
  const first = (part - 1) * monthsLong + 1;
  return [
    {
      kind: 'span',
      start: { year, month: first, day: 1 },
      end: wholeMonth(year, first + monthsLong - 1).end,
      approximate: false,
    },
  ];
}

function numeral(text: string): number | null {
  const roman: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
  return /^\d$/.test(text) ? Number(text) : (roman[text] ?? null);
}

/**
 * A Hijri month as Gregorian dates. With a Hijri year ("Ramadhan 1446 H") there is one
 * reading; with a Gregorian year ("Ramadhan 2025") every Hijri month that starts in that
 * year is a reading — usually one, two in years like 2030.
 */
function hijriReadings(month: number, year: number): Endpoint[] {
  const approximate = { approximate: true, note: `Hijri month ${HIJRI_NOTE}` } as const;
  if (year >= HIJRI_YEARS.min && year <= HIJRI_YEARS.max) {
    return [{ kind: 'span', ...hijriMonthSpan(year, month), ...approximate, hijriYear: year }];
  }
  if (!inYears(year)) return [];
  const readings: Endpoint[] = [];
  const near = Math.floor(((year - 622) * 33) / 32);
  for (let hijriYear = near - 2; hijriYear <= near + 2; hijriYear += 1) {
    const span = hijriMonthSpan(hijriYear, month);
    if (span.start.year === year) readings.push({ kind: 'span', ...span, ...approximate });
  }
  return readings;
}

/**
 * First and last day of a month in the arithmetic (tabular) Islamic calendar: 30-year
 * cycle with leap years 2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29 and the civil epoch
 * (16 July 622 Julian), the calendar ICU calls "islamic-civil". Indonesia fixes the
 * months by sighting (rukyat) and the sidang isbat, which this cannot predict; the
 * difference is at most a day or two, so results are marked approximate.
 */
export function hijriMonthSpan(year: number, month: number): { start: CivilDate; end: CivilDate } {
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  const first = hijriMonthStartDay(year, month);
  const last = hijriMonthStartDay(next.year, next.month) - 1;
  return { start: civilFromEpochDay(first), end: civilFromEpochDay(last) };
}

/** Days from 1 Jan 1970 to the 1st of a Hijri month (the tabular formula, shifted from Julian Day numbers). */
function hijriMonthStartDay(year: number, month: number): number {
  const daysBeforeMonth = Math.ceil(29.5 * (month - 1));
  const daysBeforeYear = (year - 1) * 354 + Math.floor((3 + 11 * year) / 30);
  // 1 Muharram 1 H is Julian Day 1948439.5; 1 Jan 1970 is Julian Day 2440587.5.
  return daysBeforeMonth + daysBeforeYear - 492_148;
}

function fromJsDate(date: Date): DateResult {
  if (Number.isNaN(date.getTime())) return invalid('date_unreadable', 'the cell holds an invalid date');
  // ExcelJS gives dates at midnight UTC whatever the machine's zone; read them in UTC.
  return { status: 'ok', date: isoFromUtc(date.getTime()) };
}

function fromSerial(serial: number, shown: string): DateResult {
  const date = excelSerialToIsoDate(serial);
  const year = date ? Number(date.slice(0, 4)) : Number.NaN;
  if (!date || year < SERIAL_YEARS.min || year > SERIAL_YEARS.max) {
    return invalid(
      'date_out_of_range',
      `${shown} is not a date between ${SERIAL_YEARS.min} and ${SERIAL_YEARS.max}${date ? ` (as an Excel date it would be ${date})` : ''}`,
    );
  }
  return { status: 'ok', date };
}

function singleDay(date: IsoDate): PeriodResult {
  return {
    status: 'ok',
    start: date,
    end: date,
    approximate: false,
    note: 'one date only: read as a one-day period, but it may be only the start',
  };
}

function ok(span: Span): PeriodResult {
  const start = iso(span.start);
  const end = iso(span.end);
  if (start === end && !span.approximate) return singleDay(start);
  return {
    status: 'ok',
    start,
    end,
    approximate: span.approximate,
    ...(span.note ? { note: span.note } : {}),
  };
}

function ambiguous(original: string, readings: Period[]): PeriodResult {
  const listed = readings.map((r) => `${r.start} – ${r.end}`).join(' or ');
  return {
    status: 'ambiguous',
    code: 'period_ambiguous',
    message: `"${original}" can be ${listed}`,
    readings,
  };
}

function toPeriod(span: Endpoint): Period {
  if (span.kind !== 'span') throw new Error('only whole spans are periods');
  return { start: iso(span.start), end: iso(span.end) };
}

function invalid(
  code: DateProblemCode,
  message: string,
): { status: 'invalid'; code: DateProblemCode; message: string } {
  return { status: 'invalid', code, message };
}

/** Spreadsheet spacing only: the text as the user will see it quoted back. */
function tidy(text: string): string {
  return text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

/** Lower case, one kind of dash, and the filler words that do not change the dates. */
function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‐‑‒–—−]/g, '-')
    .replace(/[’‘`]/g, "'")
    .replace(
      /\b(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b,?\s*/g,
      '',
    )
    .replace(/\b(?:tgl|tanggal|bulan|bln)\b\.?\s*/g, '')
    .replace(/\b(?:tahun anggaran|tahun|thn|th|ta)\b\.?\s*(?=\d{4}\b)/g, '')
    .replace(/^(?:dari|from|mulai|periode)\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A month name or abbreviation, or a month number 1–12. */
function monthNumber(text: string): number | undefined {
  if (!/^\d{1,2}$/.test(text)) return MONTHS.get(text);
  const month = Number(text);
  return month >= 1 && month <= 12 ? month : undefined;
}

function inYears(year: number): boolean {
  return year >= TEXT_YEARS.min && year <= TEXT_YEARS.max;
}

function exists({ year, month, day }: CivilDate): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function wholeYear(year: number): { start: CivilDate; end: CivilDate } {
  return { start: { year, month: 1, day: 1 }, end: { year, month: 12, day: 31 } };
}

function wholeMonth(year: number, month: number): { start: CivilDate; end: CivilDate } {
  return { start: { year, month, day: 1 }, end: { year, month, day: daysInMonth(year, month) } };
}

function civilFromEpochDay(day: number): CivilDate {
  const date = new Date(day * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function isoFromUtc(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

function iso({ year, month, day }: CivilDate): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
