import { describe, expect, it } from 'vitest';
import { formatDayMonthYear, parseDayMonthYear } from './dates.ts';

describe('parseDayMonthYear', () => {
  it('reads day before month, with /, - or . and one- or two-digit parts', () => {
    expect(parseDayMonthYear('28/11/2026')).toBe('2026-11-28');
    expect(parseDayMonthYear(' 03/04/2026 ')).toBe('2026-04-03');
    expect(parseDayMonthYear('3-4-2026')).toBe('2026-04-03');
    expect(parseDayMonthYear('1.2.2026')).toBe('2026-02-01');
  });

  it('also takes an ISO date as pasted from a system', () => {
    expect(parseDayMonthYear('2026-11-28')).toBe('2026-11-28');
  });

  it('refuses dates that do not exist and half-typed input', () => {
    expect(parseDayMonthYear('31/02/2026')).toBeNull();
    expect(parseDayMonthYear('29/02/2025')).toBeNull();
    expect(parseDayMonthYear('29/02/2024')).toBe('2024-02-29');
    expect(parseDayMonthYear('13/13/2026')).toBeNull();
    expect(parseDayMonthYear('28/11/26')).toBeNull();
    expect(parseDayMonthYear('28/11/2')).toBeNull();
    expect(parseDayMonthYear('11/28/2026')).toBeNull();
    expect(parseDayMonthYear('')).toBeNull();
    expect(parseDayMonthYear('28 Nov 2026')).toBeNull();
  });

  it('round-trips with the way the field shows a date', () => {
    expect(formatDayMonthYear('2026-11-28')).toBe('28/11/2026');
    expect(parseDayMonthYear(formatDayMonthYear('2015-01-05'))).toBe('2015-01-05');
  });
});
