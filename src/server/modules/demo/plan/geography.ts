import { KABUPATEN_POVERTY } from '../ntb-scale-data.ts';
import { Random } from '../prng.ts';
import type { AreaRow } from './types.ts';

/** Geography: kabupaten → kecamatan → villages, with poverty weights. */
export interface Regency {
  code: string;
  name: string;
  short: string;
  island: 'lombok' | 'sumbawa';
  rate: number;
  poorThousands: number;
  districts: District[];
  villages: Village[];
  weight: number;
}

export interface District {
  code: string;
  name: string;
  regency: Regency;
  villages: Village[];
  weight: number;
}

export interface Village {
  code: string;
  name: string;
  kind: string;
  district: District;
  regency: Regency;
  weight: number;
}

export interface Geography {
  regencies: Regency[];
  districts: District[];
  villages: Village[];
  regencyByCode: Map<string, Regency>;
  districtByCode: Map<string, District>;
}

/**
 * Each village's weight is its kabupaten's poverty rate (BPS March 2024) times a
 * village "need" factor drawn once per seed (log-normal, median 1), with kelurahan
 * (urban wards) at 0.8: village programs such as Desa Berdaya target desa first. So a
 * village in Lombok Utara (23.96 %) draws about three times as many programs as one
 * in Kota Mataram (8.00 %), and a kabupaten's share follows rate × villages.
 */
export function buildGeography(areas: readonly AreaRow[], seed: number): Geography {
  const rng = new Random(seed, 'villages');
  const poverty = new Map(KABUPATEN_POVERTY.map((k) => [k.code, k]));
  const sorted = [...areas].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const regencyByCode = new Map<string, Regency>();
  const districtByCode = new Map<string, District>();
  const villages: Village[] = [];
  for (const area of sorted) {
    if (area.level === 'regency') {
      const figures = poverty.get(area.code);
      if (!figures) continue; // another province: the generator knows NTB's figures only
      regencyByCode.set(area.code, {
        code: area.code,
        name: area.name,
        short: figures.short,
        island: figures.island,
        rate: figures.rate,
        poorThousands: figures.poorThousands,
        districts: [],
        villages: [],
        weight: 0,
      });
    } else if (area.level === 'district') {
      const regency = regencyByCode.get(area.code.slice(0, 5));
      if (!regency) continue;
      const district: District = { code: area.code, name: area.name, regency, villages: [], weight: 0 };
      regency.districts.push(district);
      districtByCode.set(area.code, district);
    } else if (area.level === 'village') {
      const district = districtByCode.get(area.code.slice(0, 8));
      if (!district) continue;
      const need = rng.logNormal(1, 0.45);
      const village: Village = {
        code: area.code,
        name: area.name,
        kind: area.kind,
        district,
        regency: district.regency,
        weight: district.regency.rate * need * (area.kind === 'kelurahan' ? 0.8 : 1),
      };
      district.villages.push(village);
      district.regency.villages.push(village);
      villages.push(village);
    }
  }
  const regencies = [...regencyByCode.values()].filter((r) => r.villages.length > 0);
  if (regencies.length === 0) {
    throw new Error('no NTB villages loaded: load the areas of province 52 first (`simpul areas:load 52`)');
  }
  const districts = [...districtByCode.values()].filter((d) => d.villages.length > 0);
  for (const district of districts) district.weight = district.villages.reduce((s, v) => s + v.weight, 0);
  for (const regency of regencies) {
    regency.districts = regency.districts.filter((d) => d.villages.length > 0);
    regency.weight = regency.districts.reduce((s, d) => s + d.weight, 0);
  }
  return { regencies, districts, villages, regencyByCode, districtByCode };
}

export function coversArea(coverage: readonly string[], code: string): boolean {
  return coverage.some((c) => code === c || code.startsWith(`${c}.`));
}

/** Coverage reaching into a kabupaten at all (the whole of it, or some of its kecamatan). */
export function touchesRegency(coverage: readonly string[], regencyCode: string): boolean {
  return coverage.some((c) => c === '52' || c === regencyCode || c.startsWith(`${regencyCode}.`));
}
