/**
 * Reads the money amounts partners type into program recaps ("Rp 450.000.000",
 * "150 jt", "Rp 1,2 M", "IDR 1,000,000") as whole rupiah.
 *
 * Digits are handled as text and scaled with bigint, so "Rp 1,2 M" is exactly
 * 1_200_000_000 and never 1_199_999_999.9999998. The result is a number because
 * the database reads int8 as a number; amounts above Number.MAX_SAFE_INTEGER
 * (≈ Rp 9 kuadriliun) are refused rather than rounded.
 */

export type RupiahProblemCode =
  | 'money_negative'
  | 'money_not_an_amount'
  | 'money_bad_grouping'
  | 'money_too_large'
  | 'money_ambiguous_separator'
  | 'money_ambiguous_unit';

/**
 * What a money cell says. `empty` is not a problem: "-" and "" mean nothing was
 * written. `ambiguous` lists every reading so the user can pick one.
 */
export type RupiahResult =
  | { status: 'ok'; value: number; note?: string }
  | { status: 'empty' }
  | { status: 'ambiguous'; code: RupiahProblemCode; message: string; readings: number[] }
  | { status: 'invalid'; code: RupiahProblemCode; message: string };

/** Powers of ten of the words people put after the number. */
const UNIT_EXPONENTS: ReadonlyMap<string, number> = new Map([
  ['k', 3],
  ['rb', 3],
  ['ribu', 3],
  ['jt', 6],
  ['juta', 6],
  ['mio', 6],
  ['mn', 6],
  ['million', 6],
  ['m', 9], // Indonesian "M" is miliar, not million; see ENGLISH_M below
  ['miliar', 9],
  ['milyar', 9],
  ['bn', 9],
  ['billion', 9],
  ['t', 12],
  ['triliun', 12],
  ['trilyun', 12],
  ['trillion', 12],
]);

/** "Rp 1,2 M" is 1,2 miliar to an Indonesian reader and 1.2 million to an English one. */
const ENGLISH_M = 6;

/** Words that say the amount is an estimate; we keep the amount and say so in a note. */
const APPROXIMATE = /^(?:±|\+\/-|\+-|sekitar|kurang lebih|lebih kurang|kira-kira|kira kira|approx\.?)\s*/;

/** Zero-width, no-break and narrow no-break spaces that spreadsheets and formatRupiah produce. */
const SPACES = /[\s\u00a0\u202f\u2007\u200b]+/g;

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Reads a money cell: a number from Excel or text in Indonesian or English style.
 *
 * Rules (README.md explains why):
 * - "." groups thousands and "," is the decimal mark (Indonesian), unless the shape
 *   proves otherwise: several commas ("1,000,000"), a dot followed by other than three
 *   digits ("1.5 jt"), or both marks where the last one is the decimal ("1,250.50").
 * - A lone separator followed by exactly three digits and no unit is a thousands
 *   separator whichever it is ("1.250" and "1,250" are both 1250): rupiah have no thousandths.
 *   With a unit it is truly ambiguous ("1.250 jt": 1,25 juta or 1.250 juta) and is returned as such.
 * - Fractions of a rupiah are rounded half up, with a note.
 * - Negative amounts are refused.
 */
export function parseRupiah(cell: string | number | null | undefined): RupiahResult {
  if (cell === null || cell === undefined) return { status: 'empty' };
  if (typeof cell === 'number') return fromSpreadsheetNumber(cell);

  const original = cell.replace(SPACES, ' ').trim();
  let text = original.normalize('NFKC').toLowerCase().replace(/[−–—]/g, '-');
  // "Rp -" and "Rp -,-" are how Indonesian bookkeeping writes "nothing here".
  if (/^(?:(?:rp\.?|idr)\s*)?(?:-+(?:,-+)?)?$/.test(text)) return { status: 'empty' };

  const notes: string[] = [];
  const approximate = APPROXIMATE.exec(text);
  if (approximate) {
    notes.push(`"${original}" is an estimate; the amount is kept as written`);
    text = text.slice(approximate[0].length);
  }

  if (/^-|^\(.*\)$|^(?:rp\.?|idr)\s*[-(]/.test(text)) {
    return invalid('money_negative', `"${original}" is negative; an amount must be zero or more`);
  }

  let english = false;
  const prefix = /^(rp\.?|idr)\s*/.exec(text);
  if (prefix) {
    english = prefix[1] === 'idr';
    text = text.slice(prefix[0].length);
  }
  const suffix = /\s*(rupiah|idr|rp\.?)$/.exec(text);
  if (suffix) {
    english ||= suffix[1] === 'idr';
    text = text.slice(0, suffix.index);
  }

  const shape = /^(?<number>\d[\d.,' ]*?)(?:,-+|\.-+)?\s*(?<unit>[a-z]+)?\.?$/.exec(text);
  const numberText = shape?.groups?.number;
  if (!numberText) {
    return invalid('money_not_an_amount', `"${original}" is not an amount of money`);
  }
  const unitWord = shape.groups?.unit;
  let exponent = 0;
  if (unitWord !== undefined) {
    const found = UNIT_EXPONENTS.get(unitWord);
    if (found === undefined) {
      return invalid('money_not_an_amount', `"${original}": "${unitWord}" is not a money unit`);
    }
    exponent = found;
  }

  const number = splitDigits(numberText.trim(), unitWord !== undefined, english);
  if (number.kind === 'bad') {
    return invalid('money_bad_grouping', `"${original}": ${number.why}`);
  }
  if (number.kind === 'either') {
    const readings = number.readings.map((r) => scale(r.whole, r.fraction, exponent).value);
    return {
      status: 'ambiguous',
      code: 'money_ambiguous_separator',
      message: `"${original}" can be read as ${readings.map((v) => formatPlain(v)).join(' or ')} rupiah`,
      readings: readings.map(Number),
    };
  }
  if (number.note) notes.push(number.note);

  if (unitWord === 'm' && english) {
    const million = scale(number.whole, number.fraction, ENGLISH_M).value;
    const miliar = scale(number.whole, number.fraction, exponent).value;
    return {
      status: 'ambiguous',
      code: 'money_ambiguous_unit',
      message: `"${original}": "M" is million in English but miliar in Indonesian`,
      readings: [Number(million), Number(miliar)],
    };
  }

  const scaled = scale(number.whole, number.fraction, exponent);
  if (scaled.value > MAX) {
    return invalid('money_too_large', `"${original}" is too large to store exactly`);
  }
  if (scaled.rounded)
    notes.push(`"${original}" has a fraction of a rupiah; rounded to ${formatPlain(scaled.value)}`);
  return withNotes(Number(scaled.value), notes);
}

function fromSpreadsheetNumber(value: number): RupiahResult {
  if (!Number.isFinite(value)) return invalid('money_not_an_amount', `${value} is not an amount of money`);
  if (value < 0) return invalid('money_negative', `${value} is negative; an amount must be zero or more`);
  if (value > Number.MAX_SAFE_INTEGER) {
    return invalid('money_too_large', `${value} is too large to store exactly`);
  }
  const whole = Math.round(value);
  // Excel keeps binary doubles, so 0.1+0.2-style noise (450000000.00000006) is
  // rounding, not a real fraction; only mention fractions a person could see.
  if (Math.abs(whole - value) >= 0.005) {
    return { status: 'ok', value: whole, note: `${value} has a fraction of a rupiah; rounded to ${whole}` };
  }
  return { status: 'ok', value: whole };
}

type Digits =
  | { kind: 'one'; whole: string; fraction: string; note?: string }
  | { kind: 'either'; readings: Array<{ whole: string; fraction: string }> }
  | { kind: 'bad'; why: string };

/** Splits "1.250.000,50" into whole "1250000" and fraction "50", deciding which mark is the decimal. */
function splitDigits(text: string, hasUnit: boolean, english: boolean): Digits {
  let body = text;
  if (body.includes(' ') || body.includes("'")) {
    // "1 250 000" (SI style) is grouping only when every group after the first has three digits.
    if (!/^\d{1,3}(?:[ '](\d{3}))+(?:[.,]\d+)?$/.test(body)) {
      return { kind: 'bad', why: 'the digit groups are not groups of three' };
    }
    body = body.replace(/[ ']/g, '');
  }
  const dots = count(body, '.');
  const commas = count(body, ',');

  if (dots === 0 && commas === 0) return { kind: 'one', whole: body, fraction: '' };

  if (dots > 0 && commas > 0) {
    const decimal = body.lastIndexOf('.') > body.lastIndexOf(',') ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    const [grouped = '', fraction = '', ...rest] = body.split(decimal);
    if (rest.length > 0) return { kind: 'bad', why: `"${decimal}" appears twice after the thousands` };
    if (!isGrouped(grouped, group)) return { kind: 'bad', why: 'the digit groups are not groups of three' };
    return {
      kind: 'one',
      whole: grouped.split(group).join(''),
      fraction,
      ...(decimal === '.'
        ? { note: `read "," as thousands and "." as the decimal mark (English style)` }
        : {}),
    };
  }

  const mark = dots > 0 ? '.' : ',';
  if (count(body, mark) > 1) {
    if (!isGrouped(body, mark)) return { kind: 'bad', why: 'the digit groups are not groups of three' };
    return {
      kind: 'one',
      whole: body.split(mark).join(''),
      fraction: '',
      ...(mark === ',' ? { note: 'read "," as the thousands separator (English style)' } : {}),
    };
  }

  const [before = '', after = ''] = body.split(mark);
  if (before === '' || after === '') return { kind: 'bad', why: `"${mark}" has no digits on one side` };
  const groupReading = { whole: before + after, fraction: '' };
  const decimalReading = { whole: before, fraction: after };
  const couldGroup = after.length === 3 && before.length <= 3 && !/^0\d*$/.test(before);
  if (!couldGroup) {
    // Only a decimal mark can be followed by other than three digits ("1,2 M", "1.5 jt").
    return {
      kind: 'one',
      ...decimalReading,
      ...(mark === '.' ? { note: 'read "." as the decimal mark (English style)' } : {}),
    };
  }
  if (!hasUnit) {
    // Rupiah have no thousandths, so three digits after a lone mark can only be grouping.
    return {
      kind: 'one',
      ...groupReading,
      ...(mark === ',' ? { note: 'read "," as the thousands separator (English style)' } : {}),
    };
  }
  // "IDR" says the writer follows English conventions: "," groups, "." is the decimal mark.
  if (english) return { kind: 'one', ...(mark === ',' ? groupReading : decimalReading) };
  // "1.250 jt" / "1,250 M": both a thousands separator and a decimal mark make sense.
  return { kind: 'either', readings: [decimalReading, groupReading] };
}

function isGrouped(text: string, mark: string): boolean {
  const [first = '', ...groups] = text.split(mark);
  return /^\d{1,3}$/.test(first) && groups.length > 0 && groups.every((g) => /^\d{3}$/.test(g));
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** whole.fraction × 10^exponent, rounded half up to a whole rupiah, in exact integer arithmetic. */
function scale(whole: string, fraction: string, exponent: number): { value: bigint; rounded: boolean } {
  const digits = BigInt(whole + fraction || '0') * 10n ** BigInt(exponent);
  const divisor = 10n ** BigInt(fraction.length);
  const quotient = digits / divisor;
  const remainder = digits % divisor;
  return { value: remainder * 2n >= divisor ? quotient + 1n : quotient, rounded: remainder !== 0n };
}

/** 1.250.000 — plain grouping for messages (formatRupiah is for display and adds the currency). */
function formatPlain(value: bigint): string {
  return value.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

function withNotes(value: number, notes: string[]): RupiahResult {
  return notes.length > 0 ? { status: 'ok', value, note: notes.join('; ') } : { status: 'ok', value };
}

function invalid(code: RupiahProblemCode, message: string): RupiahResult {
  return { status: 'invalid', code, message };
}
