/**
 * Indonesian-style formatting shared by server (reports) and web.
 * Money is integer rupiah; we accept bigint so amounts above 2^53 stay exact.
 */
export type Locale = 'id' | 'en';

const intlLocale = (locale: Locale) => (locale === 'id' ? 'id-ID' : 'en-GB');

/** "Rp 1.250.000" (id) or "IDR 1,250,000" (en). */
export function formatRupiah(amount: number | bigint, locale: Locale = 'id'): string {
  const value = typeof amount === 'bigint' ? amount : Math.round(amount);
  const digits = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 0 }).format(value);
  const negative = digits.startsWith('-') || digits.startsWith('\u2212');
  const body = negative ? digits.slice(1) : digits;
  const prefix = locale === 'id' ? 'Rp\u00a0' : 'IDR\u00a0';
  return `${negative ? '-' : ''}${prefix}${body}`;
}

/** Thousands with "." and decimals with "," in Indonesian. */
export function formatNumber(value: number | bigint, locale: Locale = 'id', fractionDigits = 0): string {
  return new Intl.NumberFormat(intlLocale(locale), {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value);
}

export function formatPercent(value: number, locale: Locale = 'id', fractionDigits = 2): string {
  return `${formatNumber(value, locale, fractionDigits)}%`;
}

const MONTHS_ID = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'];
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * "28 Nov 2026" / "28 Agu 2026". Accepts a Date or an ISO date string; a date-only
 * string is read as a calendar date (no time-zone shift).
 */
export function formatDate(value: Date | string, locale: Locale = 'id'): string {
  let year: number;
  let month: number;
  let day: number;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    [year, month, day] = value.split('-').map(Number) as [number, number, number];
    month -= 1;
  } else {
    const date = typeof value === 'string' ? new Date(value) : value;
    if (Number.isNaN(date.getTime())) return '';
    year = date.getFullYear();
    month = date.getMonth();
    day = date.getDate();
  }
  const months = locale === 'id' ? MONTHS_ID : MONTHS_EN;
  return `${day} ${months[month]} ${year}`;
}

/** Today's calendar date in NTB (WITA, Asia/Makassar) as YYYY-MM-DD: lifecycle dates and file names. */
export function todayInNtb(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Makassar' }).format(now);
}
