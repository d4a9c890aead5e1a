import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber, formatPercent, formatRupiah } from './format.ts';

describe('Indonesian formatting', () => {
  it('formats rupiah with dots for thousands', () => {
    expect(formatRupiah(1_250_000)).toBe('Rp\u00a01.250.000');
    expect(formatRupiah(0)).toBe('Rp\u00a00');
    expect(formatRupiah(-450_000)).toBe('-Rp\u00a0450.000');
    expect(formatRupiah(1_250_000, 'en')).toBe('IDR\u00a01,250,000');
  });

  it('keeps amounts above 2^53 exact when given a bigint', () => {
    expect(formatRupiah(12_345_678_901_234_567_890n)).toBe('Rp\u00a012.345.678.901.234.567.890');
  });

  it('formats numbers and percentages', () => {
    expect(formatNumber(1166)).toBe('1.166');
    expect(formatNumber(1166, 'en')).toBe('1,166');
    expect(formatPercent(11.78)).toBe('11,78%');
    expect(formatPercent(11.78, 'en')).toBe('11.78%');
  });

  it('formats dates as "28 Nov 2026" without time-zone shifts', () => {
    expect(formatDate('2026-11-28')).toBe('28 Nov 2026');
    expect(formatDate('2025-08-17')).toBe('17 Agu 2025');
    expect(formatDate('2025-08-17', 'en')).toBe('17 Aug 2025');
    expect(formatDate(new Date(2025, 4, 1))).toBe('1 Mei 2025');
    expect(formatDate('not a date')).toBe('');
  });
});
