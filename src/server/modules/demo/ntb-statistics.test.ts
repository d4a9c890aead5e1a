import { describe, expect, it } from 'vitest';
import { englishIn } from '../../../../tests/support/english.ts';
import { NTB_DEMO_STATISTICS } from './ntb-statistics.ts';

describe('demo statistics', () => {
  it('state their sources in Indonesian, as the interface shows them', () => {
    const sources = [...new Set(NTB_DEMO_STATISTICS.map((s) => s.source))];
    expect(sources.length).toBeGreaterThan(2);
    expect(sources.flatMap((source) => englishIn(source))).toEqual([]);
  });

  it('the English detector itself catches what the sources used to say', () => {
    expect(englishIn('BPS, March 2024 (via databoks)')).toHaveLength(1);
    expect(englishIn('Dukcapil (via ntbsatu.com, 14 Dec 2025); sum of kabupaten/kota')).toHaveLength(3);
    expect(englishIn('BPS, Maret 2024; jumlah dari kabupaten/kota, 14 Desember 2025')).toEqual([]);
  });
});
