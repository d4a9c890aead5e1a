import { normalizeAreaName } from '../../../../shared/area-code.ts';
import { LAST_YEAR } from '../ntb-scale-data.ts';
import type { Random } from '../prng.ts';

/** Small helpers the planners share: indexing, ISO dates, rounding, weighted draws, text. */
export function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`index ${index} out of range`);
  return item;
}

const DAY_MS = 86_400_000;
export const toDay = (iso: string) =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
const fromDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
export const addDays = (iso: string, days: number) => fromDay(toDay(iso) + days);
/** Start dates never fall after the 28th, so adding months never overflows into the next month. */
export function addMonths(iso: string, months: number): string {
  const date = new Date(
    Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1 + months, Number(iso.slice(8, 10))),
  );
  return date.toISOString().slice(0, 10);
}
export const isoDate = (year: number, month: number, day: number) =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
export const minDate = (a: string, b: string) => (a < b ? a : b);
/** A day drawn uniformly in [from, to] (both included). */
export const dayBetween = (rng: Random, from: string, to: string) =>
  to <= from ? from : fromDay(rng.int(toDay(from), toDay(to)));
export const monthsBetween = (from: string, to: string) =>
  Math.max(1, Math.round((toDay(to) - toDay(from) + 1) / 30.44));
export const roundTo = (value: number, unit: number) => Math.round(value / unit) * unit;
export const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
export const pad = (n: number, width: number) => String(n).padStart(width, '0');
export const slug = (text: string) =>
  normalizeAreaName(text)
    .replace(/\s+/g, '-')
    .replace(/[^a-z0-9-]/g, '');
export const LAST_DAY = isoDate(LAST_YEAR, 12, 31);
export const ROMAN_MONTHS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

/** Cumulative weights for O(log n) weighted draws over the 1,166 villages. */
export class WeightedTable<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;
  constructor(
    readonly items: readonly T[],
    weight: (item: T) => number,
  ) {
    let sum = 0;
    for (const item of items) {
      sum += weight(item);
      this.cumulative.push(sum);
    }
    this.total = sum;
  }
  draw(rng: Random): T {
    const r = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (at(this.cumulative, mid) > r) hi = mid;
      else lo = mid + 1;
    }
    return at(this.items, lo);
  }
}

export function fillTemplate(rng: Random, template: string, households: number): string {
  return template
    .replace('{hh}', String(Math.max(5, roundTo(households * rng.uniform(0.3, 1), 5))))
    .replace('{k}', String(rng.int(2, 24)));
}
