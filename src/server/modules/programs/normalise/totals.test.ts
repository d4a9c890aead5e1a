import { describe, expect, it } from 'vitest';
import { isTotalsLabel, looksLikeTotalsRow } from './totals.ts';

describe('isTotalsLabel', () => {
  it.each([
    'TOTAL',
    'Total',
    'Jumlah',
    'JUMLAH',
    'Jml.',
    'Grand Total',
    'GRAND TOTAL',
    'Sub Total',
    'Subtotal',
    'Sub-Total',
    'Total Keseluruhan',
    'Jumlah Total',
    'Jumlah Seluruhnya',
    'TOTAL (Rp)',
    'Total:',
    'Jumlah 2025',
    'Total Nilai Program',
  ])('%s is a totals label', (text) => {
    expect(isTotalsLabel(text)).toBe(true);
  });

  it.each([
    'Jumlah Penerima Manfaat',
    'Jumlah KK',
    'Totalitas Melayani',
    'Bedah Rumah (RTLH)',
    'Nilai (Rp)',
    '',
  ])('%s is not', (text) => {
    expect(isTotalsLabel(text)).toBe(false);
  });
});

describe('looksLikeTotalsRow', () => {
  it.each([
    [['', 'JUMLAH', '', '', '', '', '', '', '=SUM(I5:I14)', '', '=SUM(K5:K14)', '']],
    [['', 'TOTAL', '', 'Rp 3.250.500.000']],
    [['Grand Total', '', '3250500000', '1851']],
    [['', 'Sub Total', 'Lombok Timur', 'Rp 240.000.000', '675']],
    [['TOTAL', '', '', '']],
    [['Lombok Timur', '', '', '150.000.000', '75']],
    [['', '', 'Sub Total Kab. Bima', 'Rp 75.500.000']],
    [['Jumlah', '100%']],
  ])('%o is a totals row', (cells) => {
    expect(looksLikeTotalsRow(cells)).toBe(true);
  });

  it.each([
    [
      [
        '1',
        'PT Contoh Tambang Sumbawa',
        'Gizi Seimbang Ibu dan Balita',
        'Stunting',
        'Sumbawa Barat',
        'Jereweh',
        'Belo',
        'Layanan + PMT',
        'Rp 450.000.000',
        'Maret - Desember 2025',
        '320',
        'lanjutan program 2024',
      ],
    ],
    [['No', 'Nama Lembaga', 'Nama Program', 'Jumlah (Rp)', 'Jumlah KK', 'Keterangan']],
    [['REKAPITULASI PROGRAM CSR', 'REKAPITULASI PROGRAM CSR', 'REKAPITULASI PROGRAM CSR']],
    [['1', 'Bedah Rumah', '250.000.000']],
    [['Catatan: nilai dalam rupiah']],
    [['', '', '', '']],
    [[]],
  ])('%o is not', (cells) => {
    expect(looksLikeTotalsRow(cells)).toBe(false);
  });
});
