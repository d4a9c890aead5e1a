/**
 * Area statistics shipped with the demo dataset. Figures as reported in
 * ../shared/reference/ntb-facts.md §2–3 (press reports quoting BPS and Dukcapil);
 * each row keeps its source so the UI can show it. Sources are data shown as they are stored, so
 * they are written in Indonesian, the dataset's language (month names included). Re-check against
 * the official tables before publishing outside a demo.
 */
export interface DemoStatistic {
  areaCode: string;
  indicator: 'population' | 'poverty_rate';
  year: number;
  value: number;
  unit: 'persons' | 'percent';
  source: string;
}

const DUKCAPIL = 'Dukcapil Semester I 2025 (melalui ntbsatu.com, 14 Desember 2025)';
const BPS_POVERTY_2024 = 'BPS, Maret 2024 (melalui databoks / antaranews)';

const population: Array<[string, number]> = [
  ['52.01', 771_858],
  ['52.02', 1_142_173],
  ['52.03', 1_449_920],
  ['52.04', 529_234],
  ['52.05', 279_884],
  ['52.06', 545_571],
  ['52.07', 157_335],
  ['52.08', 272_058],
  ['52.71', 464_566],
  ['52.72', 166_114],
];

const povertyRate2024: Array<[string, number]> = [
  ['52.01', 12.65],
  ['52.02', 12.07],
  ['52.03', 14.51],
  ['52.04', 12.87],
  ['52.05', 11.59],
  ['52.06', 13.88],
  ['52.07', 12.23],
  ['52.08', 23.96],
  ['52.71', 8.0],
  ['52.72', 8.12],
];

export const NTB_DEMO_STATISTICS: DemoStatistic[] = [
  ...population.map(([areaCode, value]) => ({
    areaCode,
    indicator: 'population' as const,
    year: 2025,
    value,
    unit: 'persons' as const,
    source: DUKCAPIL,
  })),
  {
    areaCode: '52',
    indicator: 'population',
    year: 2025,
    value: population.reduce((sum, [, v]) => sum + v, 0),
    unit: 'persons',
    source: `${DUKCAPIL}; jumlah dari kabupaten/kota`,
  },
  ...povertyRate2024.map(([areaCode, value]) => ({
    areaCode,
    indicator: 'poverty_rate' as const,
    year: 2024,
    value,
    unit: 'percent' as const,
    source: BPS_POVERTY_2024,
  })),
  {
    areaCode: '52',
    indicator: 'poverty_rate',
    year: 2024,
    value: 12.91,
    unit: 'percent',
    source: 'BPS Susenas, Maret 2024',
  },
  {
    areaCode: '52',
    indicator: 'poverty_rate',
    year: 2025,
    value: 11.78,
    unit: 'percent',
    source: 'BPS Susenas, Maret 2025',
  },
];
